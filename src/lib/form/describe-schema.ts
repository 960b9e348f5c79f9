import { z } from 'zod';
import {
  metaOf,
  type MethodDefinition,
  type ParamMeta,
  type ParamType,
  type ParamValue,
  type ParamsSchema,
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
  readonly relevant?: ParamMeta['relevant'];
  readonly relevantNote?: string;
}

function enumValues(schema: z.ZodType): readonly string[] | undefined {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  return inner instanceof z.ZodEnum ? (inner.options as readonly string[]) : undefined;
}

export function describeSchema(schema: ParamsSchema): FieldDescriptor[] {
  return Object.entries(schema.shape).map(([name, fieldSchema]) => {
    const meta = metaOf(fieldSchema);
    const values = enumValues(fieldSchema);
    return {
      name,
      type: meta.type,
      label: meta.label || name,
      help: meta.help,
      required: !fieldSchema.isOptional(),
      ...(values && { values }),
      ...(meta.valueLabels && { valueLabels: meta.valueLabels }),
      ...(meta.wireDefault !== undefined && { wireDefault: meta.wireDefault }),
      ...(meta.initial !== undefined && { initial: meta.initial }),
      ...(meta.picker && { picker: meta.picker }),
      ...(meta.placeholder && { placeholder: meta.placeholder }),
      ...(meta.relevant && { relevant: meta.relevant }),
      ...(meta.relevantNote && { relevantNote: meta.relevantNote }),
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
