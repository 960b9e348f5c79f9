/**
 * REDCap choice lists (`1, Fever | 2, Cough`) and the export names of checkbox options
 * (redcap-api.md §3.2, §3.3). Framework-free: shared by the mock, the editors and the table.
 */

export interface Choice {
  readonly code: string;
  readonly label: string;
}

/** Splits `code, label | code, label` (spacing around the pipes varies); the label may hold commas. */
export function parseChoices(text: string): Choice[] {
  if (text.trim() === '') return [];
  return text.split('|').map((part) => {
    const comma = part.indexOf(',');
    if (comma < 0) {
      const code = part.trim();
      return { code, label: code };
    }
    return { code: part.slice(0, comma).trim(), label: part.slice(comma + 1).trim() };
  });
}

/** The implicit choices of yesno and truefalse fields (their choice column is blank). */
export const YESNO_CHOICES: readonly Choice[] = [
  { code: '1', label: 'Yes' },
  { code: '0', label: 'No' },
];
export const TRUEFALSE_CHOICES: readonly Choice[] = [
  { code: '1', label: 'True' },
  { code: '0', label: 'False' },
];

/** The choices of a field by type; null for fields without a choice list. */
export function choicesOf(fieldType: string, choiceColumn: string): readonly Choice[] | null {
  switch (fieldType) {
    case 'radio':
    case 'dropdown':
    case 'checkbox':
      return parseChoices(choiceColumn);
    case 'yesno':
      return YESNO_CHOICES;
    case 'truefalse':
      return TRUEFALSE_CHOICES;
    default:
      return null;
  }
}

/** A checkbox code as it appears in an export column: `-`/`.` → `_`, lowercased, then [a-z0-9_] only. */
export function checkboxCodeSuffix(code: string): string {
  return code
    .replace(/[-.]/g, '_')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '');
}

/** `symptoms` + `1` → `symptoms___1` (three underscores). */
export function checkboxExportName(field: string, code: string): string {
  return `${field}___${checkboxCodeSuffix(code)}`;
}

export function choiceLabel(choices: readonly Choice[], code: string): string | undefined {
  return choices.find((c) => c.code === code)?.label;
}
