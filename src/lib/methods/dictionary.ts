/**
 * The data dictionary's shape, declared once for the playground and the mock: the 18 columns of
 * a row in REDCap's order (redcap-api.md §2.9, §3.2), and a full row of them.
 */
export const DICTIONARY_COLUMNS = [
  'field_name',
  'form_name',
  'section_header',
  'field_type',
  'field_label',
  'select_choices_or_calculations',
  'field_note',
  'text_validation_type_or_show_slider_number',
  'text_validation_min',
  'text_validation_max',
  'identifier',
  'branching_logic',
  'required_field',
  'custom_alignment',
  'question_number',
  'matrix_group_name',
  'matrix_ranking',
  'field_annotation',
] as const;

export type DictionaryColumn = (typeof DICTIONARY_COLUMNS)[number];

/** One data-dictionary row: every column a string, blanks as ''. */
export type DictionaryRow = Record<DictionaryColumn, string>;
