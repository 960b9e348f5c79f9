import { createQuery } from '@tanstack/svelte-query';
import type { ChoiceList } from '../../lib/project/lists.ts';
import { pickerSource, type ChoiceSource } from '../../lib/project/pickers/index.ts';
import { appClient, type AppContext } from './context.ts';
import type { ProjectState } from './project.svelte.ts';

/*
 * Kept apart from project.svelte.ts: only pickers and previews (loaded later) read lists, so
 * the picker registry stays out of the initial JavaScript.
 */

const NONE: ChoiceList = { choices: [], why: null };

/**
 * A list of its own, for the sources the model does not hold, keyed by the project: records
 * (which need the record id field, so they wait for the model), DAGs, users, roles, the File
 * Repository; reports answer at once that REDCap cannot list them.
 */
export class ListState {
  readonly #query;
  /** The list, once read. */
  readonly list: ChoiceList | undefined = $derived.by(() => this.#query.data);
  readonly error: Error | null = $derived.by(() => this.#query.error ?? null);
  readonly fetching: boolean = $derived.by(() => this.#query.isFetching);
  /** Being read, with nothing to show yet. */
  readonly loading: boolean = $derived(this.fetching && this.list === undefined);

  constructor(
    context: AppContext,
    source: () => ChoiceSource,
    wanted: () => boolean,
    project: ProjectState,
  ) {
    const call = appClient(context).json;
    this.#query = createQuery(() => {
      const key = project.key;
      const s = source();
      const spec = pickerSource(s);
      const own = spec.kind === 'list';
      const ready = !(own && spec.needsModel) || project.model !== undefined;
      return {
        queryKey: [...(key ?? ['project', 'none']), 'list', s],
        queryFn: ({ signal }): Promise<ChoiceList> =>
          spec.kind === 'list' ? spec.read(call, project.model, signal) : Promise.resolve(NONE),
        enabled: key !== null && own && ready && wanted(),
        staleTime: Infinity,
      };
    });
  }
}
