import { getMethod } from '../../methods/index.ts';
import {
  callSpec,
  foldedParams,
  isTrue,
  planCall,
  type ArgSpec,
  type FoldedParam,
  type LibraryCall,
} from '../client-library.ts';
import { batchPlan, bodyEntries, introComments, MISSING_TOKEN } from '../code-builder.ts';
import { rString as r } from '../quote.ts';
import { defineTarget, TOKEN_ENV } from '../types.ts';
import { rHttr } from './r-httr.ts';

const REPO = 'OuhscBbmc/REDCapR';

/**
 * Each method's REDCapR function, checked against OuhscBbmc/REDCapR @ c2abbc1; the path is
 * the file that defines it. REDCapR reads and writes data frames: it chooses the transfer
 * format itself (`!format` …). Methods missing here have no REDCapR function.
 */
const CALLS: Readonly<Record<string, LibraryCall>> = Object.fromEntries(
  Object.entries({
    exp_arms: 'redcap_arm_export R/redcap-arm-export.R !format,returnFormat',
    exp_dags: 'redcap_dag_read R/redcap-dag-read.R !format,returnFormat',
    del_records:
      'redcap_delete R/redcap-delete.R records>records_to_delete:list arm>arm_of_records_to_delete !returnFormat',
    exp_inst_event_maps:
      'redcap_event_instruments R/redcap-event-instruments.R arms:list !format,returnFormat',
    exp_events: 'redcap_event_read R/redcap-event-read.R !format,returnFormat',
    exp_file:
      'redcap_file_download_oneshot R/redcap-file-download-oneshot.R record field event repeat_instance:int !returnFormat',
    exp_list_file_repo:
      'redcap_file_repo_list_oneshot R/redcap-file-repo-list.R folder_id:int !format,returnFormat',
    imp_file:
      'redcap_file_upload_oneshot R/redcap-file-upload-oneshot.R record field event file>file_name:file !returnFormat',
    exp_instr_pdf:
      'redcap_instrument_download R/redcap-instrument-download.R record instrument event !returnFormat',
    exp_repeating_forms_events:
      'redcap_instrument_repeating R/redcap-instrument-repeating.R !format,returnFormat',
    exp_instr: 'redcap_instruments R/redcap-instruments.R !format,returnFormat',
    exp_logging:
      'redcap_log_read R/redcap-log-read.R beginTime>log_begin_date:date endTime>log_end_date:date record user !format,returnFormat',
    exp_metadata:
      'redcap_metadata_read R/redcap-metadata-read.R forms:list fields:list !format,returnFormat',
    imp_metadata:
      'redcap_metadata_write R/redcap-metadata-write.R data>ds:data !format,returnFormat',
    exp_next_id: 'redcap_next_free_record_name R/redcap-next-free-record-name.R !returnFormat',
    exp_proj: 'redcap_project_info_read R/redcap-project-info-read.R !format,returnFormat',
    exp_records:
      'redcap_read_oneshot R/redcap-read-oneshot.R records:list fields:list forms:list events:list rawOrLabel>raw_or_label rawOrLabelHeaders>raw_or_label_headers exportCheckboxLabel>export_checkbox_label:bool exportSurveyFields>export_survey_fields:bool exportDataAccessGroups>export_data_access_groups:bool filterLogic>filter_logic dateRangeBegin>datetime_range_begin:datetime dateRangeEnd>datetime_range_end:datetime exportBlankForGrayFormStatus>blank_for_gray_form_status:bool !format,type,csvDelimiter,returnFormat',
    exp_reports:
      'redcap_report R/redcap-report.R report_id:int rawOrLabel>raw_or_label rawOrLabelHeaders>raw_or_label_headers exportCheckboxLabel>export_checkbox_label:bool !format,csvDelimiter,returnFormat',
    exp_surv_link:
      'redcap_survey_link_export_oneshot R/redcap-survey-link-export-oneshot.R record instrument event !returnFormat',
    exp_users: 'redcap_users_export R/redcap-users-export.R !format,returnFormat',
    exp_field_names: 'redcap_variables R/redcap-variables.R !format,returnFormat',
    exp_rc_v: 'redcap_version R/redcap-version.R !format',
    imp_records:
      'redcap_write_oneshot R/redcap-write-oneshot.R data>ds:data overwriteBehavior>overwrite_with_blanks:overwrite !format,type,returnContent,returnFormat',
  }).map(([id, row]) => [id, callSpec(row)]),
);

/**
 * What each function returns, from its `@return` documentation (same commit, same files). Most
 * return REDCapR's result list (`success`, `outcome_message`, `data`…); these do not, or keep
 * their answer under another name:
 * - `redcap_version`: a `base::package_version`, `0.0.0` when the call failed;
 * - `redcap_next_free_record_name`: a character vector of length 1, or `character(0)` on failure;
 * - `redcap_survey_link_export_oneshot`: the list, with the link in `survey_link`;
 * - `redcap_users_export`: the list, with the users in `data_user` (and rights per form in
 *   `data_user_form`), no `data`.
 */
export type RedcaprReturn =
  | { readonly kind: 'version' }
  | { readonly kind: 'character' }
  | { readonly kind: 'list'; readonly element: string };

export const REDCAPR_RETURNS: Readonly<Record<string, RedcaprReturn>> = Object.assign(
  Object.create(null) as Record<string, RedcaprReturn>,
  {
    exp_rc_v: { kind: 'version' },
    exp_next_id: { kind: 'character' },
    exp_surv_link: { kind: 'list', element: 'survey_link' },
    exp_users: { kind: 'list', element: 'data_user' },
  },
);

/** The lines after the call that check and show what the function returned. */
function handleResult(methodId: string, call: string, file: boolean): string[] {
  const returns = REDCAPR_RETURNS[methodId];
  if (returns?.kind === 'version') {
    return [
      `# ${call} returns a package_version: 0.0.0 when the call failed (the reason is in its message)`,
      'if (result == package_version("0.0.0")) stop("REDCap error: the version could not be read", call. = FALSE)',
      'print(result)',
    ];
  }
  if (returns?.kind === 'character') {
    return [
      `# ${call} returns the name as a character vector: character(0) when the call failed`,
      'if (length(result) == 0L) stop("REDCap error: no record name came back", call. = FALSE)',
      'cat(result, "\\n", sep = "")',
    ];
  }
  const shown = file
    ? 'cat("Saved ", result$file_name, "\\n", sep = "")'
    : returns?.kind === 'list'
      ? `print(result$${returns.element})`
      : 'if (!is.null(result$data)) print(result$data) else str(result)';
  return [
    '# REDCapR does not stop on an error: it says so in success and outcome_message',
    'if (!result$success) stop("REDCap error: ", result$outcome_message, call. = FALSE)',
    shown,
  ];
}

/** The methods REDCapR has a function for (for tests and the README). */
export const REDCAPR_METHODS: readonly string[] = Object.keys(CALLS);

/** The argument's R value, or null when REDCapR cannot take it as it is. */
function value(spec: ArgSpec, param: FoldedParam, format: string): string | null {
  const [first = ''] = param.values;
  switch (spec.type) {
    case 'list':
      return `c(${param.values.map(r).join(', ')})`;
    case 'bool':
      return isTrue(first) ? 'TRUE' : 'FALSE';
    case 'overwrite':
      return first === 'overwrite' ? 'TRUE' : 'FALSE';
    case 'int':
      return /^\d+$/.test(first) ? `${Number(first)}L` : null;
    case 'datetime':
      return `as.POSIXct(${r(first)})`;
    case 'date':
      // REDCapR reads the log from midnight of a date.
      return /^\d{4}-\d{2}-\d{2}( 00:00(:00)?)?$/.test(first)
        ? `as.Date(${r(first.slice(0, 10))})`
        : null;
    case 'data':
      if (format === 'json') return `jsonlite::fromJSON(${r(first)})`;
      if (format === 'csv') {
        return `read.csv(text = ${r(first)}, colClasses = "character", check.names = FALSE)`;
      }
      return null;
    default:
      return r(first);
  }
}

function fallback(why: string, ...args: Parameters<typeof rHttr.generate>): string {
  const note = [`# ${why}`, '# So this is the raw HTTP form (R httr) of the same request.'];
  return [...note, rHttr.generate(...args)].join('\n');
}

export const rRedcapr = defineTarget({
  id: 'r-redcapr',
  label: 'R (REDCapR)',
  language: 'r',
  extension: 'R',
  generate(request, options) {
    const label = getMethod(request.methodId)?.label ?? request.methodId;
    let call = CALLS[request.methodId];
    if (!call) return fallback(`REDCapR has no function for ${label}.`, request, options);
    const entries = bodyEntries(request, options);
    const plan = batchPlan(request, entries, options);
    if (plan) {
      // REDCapR batches by itself: redcap_read lists the ids, then reads batch_size at a time.
      call = { ...call, call: 'redcap_read', path: 'R/redcap-read.R' };
    }
    const params = foldedParams(request, options);
    const format = params.find((p) => p.name === 'format')?.values[0] ?? 'json';
    const { args, missing } = planCall(call, params);
    const values = args.map((a) => ({ ...a, text: value(a.spec, a.param, format) }));
    missing.push(...values.filter((v) => v.text === null).map((v) => v.param.name));
    // REDCapR reads and writes flat data frames only.
    if (params.some((p) => p.name === 'type' && p.values[0] !== 'flat')) missing.push('type');
    if (missing.length > 0) {
      const why = `REDCapR's ${call.call} has no argument for ${missing.join(', ')} as given.`;
      return fallback(why, request, options);
    }
    const showToken = !entries.some((e) => e.kind === 'token');
    const tokenLiteral = request.body.find(([n]) => n === 'token')?.[1];
    const token = `The token is read from the environment: ${TOKEN_ENV} (e.g. set in ~/.Renviron)`;
    const lines = [
      ...introComments(options, { token }).map((l) => `# ${l}`),
      `# REDCapR (install.packages("REDCapR")): https://github.com/${REPO}`,
      '',
    ];
    if (!showToken) {
      lines.push(
        `token <- Sys.getenv(${r(TOKEN_ENV)})`,
        `if (!nzchar(token)) stop(${r(MISSING_TOKEN)})`,
        '',
      );
    }
    const tokenArg = showToken && typeof tokenLiteral === 'string' ? r(tokenLiteral) : 'token';
    lines.push(`url <- ${r(request.url)}`);
    for (const v of values) {
      if (v.spec.type === 'file') {
        lines.push(
          `# The file to upload: ${v.param.values[0]} in the current directory (change the path to yours).`,
        );
      }
    }
    const callArgs = [
      ...(plan ? [`batch_size = ${plan.size}L`] : []),
      'redcap_uri = url',
      `token = ${tokenArg}`,
      ...values.map((v) => `${v.spec.arg} = ${v.text}`),
    ];
    if (plan) {
      lines.push(
        `# Batches of ${plan.size} records: redcap_read lists the record ids first, then reads them batch by batch.`,
      );
    }
    lines.push(
      `# REDCapR: ${call.call} (${REPO}, ${call.path})`,
      `result <- REDCapR::${call.call}(`,
      ...callArgs.map((a, i) => `  ${a}${i < callArgs.length - 1 ? ',' : ''}`),
      ')',
      ...handleResult(request.methodId, call.call, options.response.kind === 'file'),
    );
    return lines.join('\n') + '\n';
  },
});
