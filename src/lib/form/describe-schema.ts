import type * as z from 'zod/mini';
import {
  metaOf,
  type MethodDefinition,
  type ParamMeta,
  type ParamType,
  type ParamValue,
  type ParamsSchema,
  type PickerSource,
} from '../methods/define-method.ts';

/** Everything a form needs to render one parameter, derived from its schema. */
export interface FieldDescriptor {
  readonly name: string;
  readonly type: ParamType;
  readonly label: string;
  readonly help: string;
  readonly required: boolean;
  readonly values?: readonly string[];
  readonly valueLabels?: Readonly<Record<string, string>>;
  readonly wireDefault?: string;
  readonly initial?: ParamValue;
  readonly picker?: ParamMeta['picker'];
  readonly placeholder?: string;
  /** A number parameter's range, shown beside it. */
  readonly min?: number;
  readonly max?: number;
  readonly relevant?: ParamMeta['relevant'];
  readonly relevantNote?: string;
  /** The first REDCap version with the parameter, where known ("since REDCap 6.11.0"). */
  readonly since?: string;
}

/** What to type in a picker's parameter: a list of examples (a single value takes the first). */
const PICKER_EXAMPLES: Readonly<Record<PickerSource, string>> = {
  fields: 'record_id, age',
  'dictionary-fields': 'record_id, age',
  'file-fields': 'consent_file',
  forms: 'demographics, visit',
  events: 'baseline_arm_1, week_4_arm_1',
  records: '1, 2, 3',
  arms: '1, 2',
  dags: 'site_a, site_b',
  users: 'bob, carol',
  roles: 'U-2119C4Y87T',
  reports: '12',
};

/** A placeholder that fits the parameter: its own, or one from what its picker lists. */
function placeholderOf(meta: ParamMeta): string | undefined {
  if (meta.placeholder || !meta.picker) return meta.placeholder;
  const list = PICKER_EXAMPLES[meta.picker];
  return meta.type === 'array' ? `comma-separated, e.g. ${list}` : `e.g. ${list.split(',')[0]}`;
}

function isOptional(schema: z.ZodMiniType): boolean {
  return schema._zod.def.type === 'optional';
}

function enumValues(schema: z.ZodMiniType): readonly string[] | undefined {
  type Def = { type: string; innerType?: z.ZodMiniType; entries?: Record<string, string> };
  const def = schema._zod.def as Def;
  const inner = (def.type === 'optional' && def.innerType ? def.innerType._zod.def : def) as Def;
  return inner.type === 'enum' && inner.entries ? Object.values(inner.entries) : undefined;
}

export function describeSchema(schema: ParamsSchema): FieldDescriptor[] {
  return Object.entries(schema.shape).map(([name, fieldSchema]) => {
    const meta = metaOf(fieldSchema);
    const values = enumValues(fieldSchema);
    const placeholder = placeholderOf(meta);
    return {
      name,
      type: meta.type,
      label: meta.label || name,
      help: meta.help,
      required: !isOptional(fieldSchema),
      ...(values && { values }),
      ...(meta.valueLabels && { valueLabels: meta.valueLabels }),
      ...(meta.wireDefault !== undefined && { wireDefault: meta.wireDefault }),
      ...(meta.initial !== undefined && { initial: meta.initial }),
      ...(meta.picker && { picker: meta.picker }),
      ...(placeholder && { placeholder }),
      ...(meta.min !== undefined && { min: meta.min }),
      ...(meta.max !== undefined && { max: meta.max }),
      ...(meta.relevant && { relevant: meta.relevant }),
      ...(meta.relevantNote && { relevantNote: meta.relevantNote }),
      ...(meta.since && { since: meta.since }),
    };
  });
}

/** The form's starting values for a method (format=json, returnFormat=json, …). */
export function initialValues(method: MethodDefinition): Record<string, ParamValue> {
  const values: Record<string, ParamValue> = {};
  for (const field of describeSchema(method.params)) {
    if (field.initial !== undefined) values[field.name] = field.initial;
  }
  return values;
}
