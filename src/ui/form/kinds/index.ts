import type { Component } from 'svelte';
import type { ParamType } from '../../../lib/methods/define-method.ts';
import ArrayField from './ArrayField.svelte';
import BooleanField from './BooleanField.svelte';
import DataField from './DataField.svelte';
import FileField from './FileField.svelte';
import LogicField from './LogicField.svelte';
import SelectField from './SelectField.svelte';
import TextField from './TextField.svelte';
import type { KindProps } from './types.ts';

/** One small component per parameter kind; no per-method components. */
export const KINDS: Readonly<Record<ParamType, Component<KindProps>>> = {
  select: SelectField,
  boolean: BooleanField,
  array: ArrayField,
  text: TextField,
  number: TextField,
  date: TextField,
  datetime: TextField,
  data: DataField,
  file: FileField,
  logic: LogicField,
};
