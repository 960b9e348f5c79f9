import {
  childElements,
  readXml,
  textOf,
  XmlError,
  type XmlElement,
} from '../../src/lib/xml/xml.ts';
import type { FieldType, Instrument, MetadataRow, RepeatingForm } from '../store/types.ts';
import { METADATA_COLUMNS } from '../store/types.ts';
import { badRequest } from './types.ts';

/**
 * The `odm` of Create Project (§2.19): a REDCap project XML used as the new project's template.
 * The mock reads what its own Export Project XML writes (routes/project-xml.ts): instruments
 * (FormDef), fields in ItemGroupDef order with their ItemDef (type, label, validation, note,
 * section header, identifier, branching logic, calculation, required) and choices (CodeList;
 * `redcap:CheckboxChoices` for checkboxes), and the repeating instruments of a classic project.
 * Arms, events, DAGs, users and ClinicalData are not read (mocks/README.md).
 */

export interface OdmStructure {
  readonly instruments: Instrument[];
  readonly metadata: MetadataRow[];
  readonly repeating: RepeatingForm[];
}

const FIELD_TYPES: ReadonlySet<string> = new Set<FieldType>([
  'text',
  'notes',
  'dropdown',
  'radio',
  'checkbox',
  'yesno',
  'truefalse',
  'file',
  'calc',
  'sql',
  'descriptive',
  'slider',
]);

const invalid = (detail: string) =>
  badRequest(`The "odm" of Create Project is not a REDCap project XML file: ${detail}.`);

function descendant(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of childElements(element)) {
    if (child.name === name) return child;
    const found = descendant(child, name);
    if (found) return found;
  }
  return undefined;
}

function emptyRow(): MetadataRow {
  return Object.fromEntries(METADATA_COLUMNS.map((c) => [c, ''])) as MetadataRow;
}

/** `1, Fever | 2, Cough` from a CodeList's items. */
function choicesText(list: XmlElement | undefined): string {
  if (!list) return '';
  return childElements(list, 'CodeListItem')
    .map((item) => {
      const label = descendant(item, 'TranslatedText');
      return `${item.attributes['CodedValue'] ?? ''}, ${label ? textOf(label) : ''}`;
    })
    .join(' | ');
}

export function readOdmStructure(odm: string): OdmStructure {
  let root: XmlElement;
  try {
    root = readXml(odm);
  } catch (error) {
    if (error instanceof XmlError) throw invalid(error.message);
    throw error;
  }
  if (root.name !== 'ODM') throw invalid('its root element is not ODM');
  const study = childElements(root, 'Study')[0];
  const meta = study && childElements(study, 'MetaDataVersion')[0];
  if (!meta) throw invalid('it has no Study/MetaDataVersion');

  const itemDefs = new Map(childElements(meta, 'ItemDef').map((d) => [d.attributes['OID'], d]));
  const codeLists = new Map(childElements(meta, 'CodeList').map((c) => [c.attributes['OID'], c]));
  const groups = new Map(childElements(meta, 'ItemGroupDef').map((g) => [g.attributes['OID'], g]));
  const instruments: Instrument[] = [];
  const metadata: MetadataRow[] = [];
  for (const formDef of childElements(meta, 'FormDef')) {
    const form = formDef.attributes['redcap:FormName'] ?? '';
    if (form === '') throw invalid('a FormDef has no redcap:FormName');
    instruments.push({
      instrument_name: form,
      instrument_label: formDef.attributes['Name'] ?? form,
    });
    const seen = new Set<string>();
    for (const groupRef of childElements(formDef, 'ItemGroupRef')) {
      const group = groups.get(groupRef.attributes['ItemGroupOID']);
      if (!group)
        throw invalid(`the ItemGroupDef ${groupRef.attributes['ItemGroupOID']} is missing`);
      for (const ref of childElements(group, 'ItemRef')) {
        const def = itemDefs.get(ref.attributes['ItemOID']);
        if (!def) throw invalid(`the ItemDef ${ref.attributes['ItemOID']} is missing`);
        const variable = def.attributes['redcap:Variable'] ?? '';
        const type = def.attributes['redcap:FieldType'];
        // Form statuses are implicit; checkbox options come once per field.
        if (type === undefined || seen.has(variable)) continue;
        if (!FIELD_TYPES.has(type)) throw invalid(`the field type "${type}" is unknown`);
        seen.add(variable);
        const question = descendant(def, 'TranslatedText');
        const list = codeLists.get(childElements(def, 'CodeListRef')[0]?.attributes['CodeListOID']);
        const a = def.attributes;
        const row = emptyRow();
        row.field_name = variable;
        row.form_name = form;
        row.field_type = type as FieldType;
        row.field_label = question ? textOf(question) : '';
        row.section_header = a['redcap:SectionHeader'] ?? '';
        row.field_note = a['redcap:FieldNote'] ?? '';
        row.text_validation_type_or_show_slider_number = a['redcap:TextValidationType'] ?? '';
        row.identifier = a['redcap:Identifier'] === 'y' ? 'y' : '';
        row.branching_logic = a['redcap:BranchingLogic'] ?? '';
        row.required_field = ref.attributes['Mandatory'] === 'Yes' ? 'y' : '';
        if (type === 'calc') row.select_choices_or_calculations = a['redcap:Calculation'] ?? '';
        else if (type === 'checkbox') {
          row.select_choices_or_calculations = list?.attributes['redcap:CheckboxChoices'] ?? '';
        } else if (type === 'radio' || type === 'dropdown') {
          row.select_choices_or_calculations = choicesText(list);
        }
        if (type === 'slider') row.text_validation_type_or_show_slider_number = 'number';
        metadata.push(row);
      }
    }
  }
  if (metadata.length === 0) throw invalid('it has no fields');
  const forms = new Set(instruments.map((i) => i.instrument_name));
  const repeating: RepeatingForm[] = [];
  const globals = childElements(study!, 'GlobalVariables')[0];
  const setup = globals && descendant(globals, 'redcap:RepeatingInstruments');
  for (const r of setup ? childElements(setup, 'redcap:RepeatingInstrument') : []) {
    const form = r.attributes['redcap:RepeatInstrument'] ?? '';
    if (forms.has(form)) {
      repeating.push({
        form_name: form,
        custom_form_label: r.attributes['redcap:CustomLabel'] ?? '',
      });
    }
  }
  return { instruments, metadata, repeating };
}
