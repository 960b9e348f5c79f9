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
import { pythonString as py } from '../quote.ts';
import { defineTarget, TOKEN_ENV } from '../types.ts';
import { pythonRequests } from './python-requests.ts';

const REPO = 'redcap-tools/PyCap';

/**
 * Each method's PyCap call (Project methods), checked against redcap-tools/PyCap @ b1cf4ae;
 * the path is the file that defines it. Methods missing here have no PyCap call.
 */
const CALLS: Readonly<Record<string, LibraryCall>> = Object.fromEntries(
  Object.entries({
    exp_arms: 'export_arms redcap/methods/arms.py format>format_type arms:list !returnFormat',
    imp_arms:
      'import_arms redcap/methods/arms.py data>to_import:data format>import_format override:int returnFormat>return_format_type',
    del_arms: 'delete_arms redcap/methods/arms.py arms:list returnFormat>return_format_type',
    exp_dags: 'export_dags redcap/methods/data_access_groups.py format>format_type !returnFormat',
    imp_dags:
      'import_dags redcap/methods/data_access_groups.py data>to_import:data format>import_format returnFormat>return_format_type',
    del_dags:
      'delete_dags redcap/methods/data_access_groups.py dags:list returnFormat>return_format_type',
    switch_dag: 'switch_dag redcap/methods/data_access_groups.py dag !returnFormat',
    exp_user_dag_maps:
      'export_user_dag_assignment redcap/methods/data_access_groups.py format>format_type !returnFormat',
    imp_user_dag_maps:
      'import_user_dag_assignment redcap/methods/data_access_groups.py data>to_import:data format>import_format returnFormat>return_format_type',
    exp_events: 'export_events redcap/methods/events.py format>format_type arms:list !returnFormat',
    imp_events:
      'import_events redcap/methods/events.py data>to_import:data format>import_format override:int returnFormat>return_format_type',
    del_events:
      'delete_events redcap/methods/events.py events:list returnFormat>return_format_type',
    exp_field_names:
      'export_field_names redcap/methods/field_names.py format>format_type field !returnFormat',
    exp_file:
      'export_file redcap/methods/files.py record field event repeat_instance:int !returnFormat',
    imp_file:
      'import_file redcap/methods/files.py record field event repeat_instance:int file:file !returnFormat',
    del_file: 'delete_file redcap/methods/files.py record field event !returnFormat',
    create_folder_file_repo:
      'create_folder_in_repository redcap/methods/file_repository.py name folder_id:int dag_id:int role_id:int format>format_type returnFormat>return_format_type',
    exp_list_file_repo:
      'export_file_repository redcap/methods/file_repository.py folder_id:int format>format_type returnFormat>return_format_type',
    exp_file_repo:
      'export_file_from_repository redcap/methods/file_repository.py doc_id:int returnFormat>return_format_type',
    imp_file_repo:
      'import_file_into_repository redcap/methods/file_repository.py file:file folder_id:int !returnFormat',
    del_file_repo:
      'delete_file_from_repository redcap/methods/file_repository.py doc_id:int returnFormat>return_format_type',
    exp_instr: 'export_instruments redcap/methods/instruments.py format>format_type !returnFormat',
    exp_instr_pdf:
      'export_pdf redcap/methods/instruments.py record event instrument repeat_instance:int allRecords>all_records:bool compactDisplay>compact_display:bool !returnFormat',
    exp_inst_event_maps:
      'export_instrument_event_mappings redcap/methods/instruments.py format>format_type arms:list !returnFormat',
    imp_inst_event_maps:
      'import_instrument_event_mappings redcap/methods/instruments.py data>to_import:data format>import_format returnFormat>return_format_type',
    exp_logging:
      'export_logging redcap/methods/logging.py format>format_type returnFormat>return_format_type logtype>log_type user record dag beginTime>begin_time:datetime endTime>end_time:datetime',
    exp_metadata:
      'export_metadata redcap/methods/metadata.py format>format_type fields:list forms:list !returnFormat',
    imp_metadata:
      'import_metadata redcap/methods/metadata.py data>to_import:data format>import_format returnFormat>return_format_type',
    exp_proj: 'export_project_info redcap/methods/project_info.py format>format_type !returnFormat',
    exp_records:
      'export_records redcap/methods/records.py format>format_type type>record_type records:list fields:list forms:list events:list rawOrLabel>raw_or_label rawOrLabelHeaders>raw_or_label_headers exportCheckboxLabel>export_checkbox_labels:bool exportSurveyFields>export_survey_fields:bool exportDataAccessGroups>export_data_access_groups:bool filterLogic>filter_logic dateRangeBegin>date_begin:datetime dateRangeEnd>date_end:datetime decimalCharacter>decimal_character exportBlankForGrayFormStatus>export_blank_for_gray_form_status:bool !returnFormat',
    imp_records:
      'import_records redcap/methods/records.py data>to_import:data format>import_format type>record_type overwriteBehavior>overwrite forceAutoNumber>force_auto_number:bool dateFormat>date_format returnContent>return_content backgroundProcess>background_process:bool returnFormat>return_format_type',
    del_records:
      'delete_records redcap/methods/records.py records:list arm instrument event repeat_instance:int delete_logging:bool returnFormat>return_format_type',
    exp_next_id: 'generate_next_record_name redcap/methods/records.py !returnFormat',
    exp_repeating_forms_events:
      'export_repeating_instruments_events redcap/methods/repeating.py format>format_type !returnFormat',
    imp_repeating_forms_events:
      'import_repeating_instruments_events redcap/methods/repeating.py data>to_import:data format>import_format returnFormat>return_format_type',
    exp_reports:
      'export_report redcap/methods/reports.py report_id format>format_type rawOrLabel>raw_or_label rawOrLabelHeaders>raw_or_label_headers exportCheckboxLabel>export_checkbox_labels:bool csvDelimiter>csv_delimiter !returnFormat',
    exp_rc_v: 'export_version redcap/methods/version.py !format',
    exp_surv_link:
      'export_survey_link redcap/methods/surveys.py record instrument event repeat_instance:int !returnFormat',
    exp_surv_access_code:
      'export_survey_access_code redcap/methods/surveys.py record instrument event repeat_instance:int !returnFormat',
    exp_surv_parts:
      'export_survey_participant_list redcap/methods/surveys.py instrument format>format_type event !returnFormat',
    exp_surv_queue_link: 'export_survey_queue_link redcap/methods/surveys.py record !returnFormat',
    exp_surv_ret_code:
      'export_survey_return_code redcap/methods/surveys.py record instrument event repeat_instance:int !returnFormat',
    exp_users: 'export_users redcap/methods/users.py format>format_type !returnFormat',
    imp_users:
      'import_users redcap/methods/users.py data>to_import:data format>import_format returnFormat>return_format_type',
    del_users: 'delete_users redcap/methods/users.py users:list returnFormat>return_format_type',
    exp_user_roles:
      'export_user_roles redcap/methods/user_roles.py format>format_type !returnFormat',
    imp_user_roles:
      'import_user_roles redcap/methods/user_roles.py data>to_import:data format>import_format returnFormat>return_format_type',
    del_user_roles:
      'delete_user_roles redcap/methods/user_roles.py roles:list returnFormat>return_format_type',
    exp_user_role_maps:
      'export_user_role_assignment redcap/methods/user_roles.py format>format_type !returnFormat',
    imp_user_role_maps:
      'import_user_role_assignment redcap/methods/user_roles.py data>to_import:data format>import_format returnFormat>return_format_type',
  }).map(([id, row]) => [id, callSpec(row)]),
);

/** The methods PyCap has a call for (for tests and the README). */
export const PYCAP_METHODS: readonly string[] = Object.keys(CALLS);

function value(spec: ArgSpec, param: FoldedParam, format: string | undefined): string {
  const [first = ''] = param.values;
  switch (spec.type) {
    case 'list':
      return `[${param.values.map(py).join(', ')}]`;
    case 'bool':
      return isTrue(first) ? 'True' : 'False';
    case 'int':
      return /^\d+$/.test(first) ? String(Number(first)) : py(first);
    case 'datetime':
      return `datetime.fromisoformat(${py(first)})`;
    case 'data':
      // PyCap turns JSON into text itself (json.dumps): give it the parsed records.
      return format === 'json' || format === undefined ? `json.loads(${py(first)})` : py(first);
    default:
      return py(first);
  }
}

/** The raw HTTP form, under a line that says why. */
function fallback(why: string, ...args: Parameters<typeof pythonRequests.generate>): string {
  const [shebang, ...rest] = pythonRequests.generate(...args).split('\n');
  const note = [
    `# ${why}`,
    '# So this is the raw HTTP form (Python requests) of the same request.',
  ];
  return [shebang, ...note, ...rest].join('\n');
}

export const pythonPycap = defineTarget({
  id: 'python-pycap',
  label: 'Python (PyCap)',
  language: 'python',
  extension: 'py',
  generate(request, options) {
    const label = getMethod(request.methodId)?.label ?? request.methodId;
    const call = CALLS[request.methodId];
    if (!call) return fallback(`PyCap has no call for ${label}.`, request, options);
    if (batchPlan(request, bodyEntries(request, options), options)) {
      const why = 'PyCap exports in one call; the batched loop is written with requests.';
      return fallback(why, request, options);
    }
    const params = foldedParams(request, options);
    const { args, missing } = planCall(call, params);
    if (missing.length > 0) {
      const why = `PyCap's ${call.call} has no argument for ${missing.join(', ')}.`;
      return fallback(why, request, options);
    }
    const { kind, format } = options.response;
    const dataFormat = params.find((p) => p.name === 'format')?.values[0];
    const types = new Set(args.map((a) => a.spec.type));
    const showToken = !bodyEntries(request, options).some((e) => e.kind === 'token');
    const tokenLiteral = request.body.find(([n]) => n === 'token')?.[1];

    const token = `The token is read from the environment: export ${TOKEN_ENV}=<your token>`;
    const lines = [
      '#!/usr/bin/env python3',
      ...introComments(options, { token }).map((l) => `# ${l}`),
      `# PyCap (pip install PyCap): https://github.com/${REPO}`,
      ...[
        types.has('data') && (dataFormat ?? 'json') === 'json' ? 'import json' : null,
        'import os',
        'import sys',
        types.has('datetime') ? 'from datetime import datetime' : null,
        '',
        'from redcap import Project, RedcapError',
        '',
      ].filter((l) => l !== null),
    ];
    if (!showToken) {
      lines.push(
        `token = os.environ.get(${py(TOKEN_ENV)})`,
        'if not token:',
        `    sys.exit(${py(MISSING_TOKEN)})`,
        '',
      );
    }
    const tokenArg = showToken && typeof tokenLiteral === 'string' ? py(tokenLiteral) : 'token';
    lines.push(`project = Project(${py(request.url)}, ${tokenArg})`);
    const files = args.filter((a) => a.spec.type === 'file');
    for (const f of files) {
      lines.push(
        `# The file to upload: ${f.param.values[0]} in the current directory (change the path to yours).`,
      );
    }
    const callArgs = args.flatMap(({ spec, param }) =>
      spec.type === 'file'
        ? [`file_name=${py(param.values[0]!)}`, `file_object=file`]
        : [`${spec.arg}=${value(spec, param, dataFormat)}`],
    );
    const target = kind === 'file' ? 'content, headers' : 'result';
    const invocation = [
      `# PyCap: Project.${call.call} (${REPO}, ${call.path})`,
      callArgs.length === 0
        ? `${target} = project.${call.call}()`
        : [`${target} = project.${call.call}(`, ...callArgs.map((a) => `    ${a},`), ')'].join(
            '\n',
          ),
    ];
    lines.push('try:');
    if (files.length > 0) {
      lines.push(`    with open(${py(files[0]!.param.values[0]!)}, "rb") as file:`);
      lines.push(...invocation.flatMap((l) => l.split('\n')).map((l) => `        ${l}`));
    } else {
      lines.push(...invocation.flatMap((l) => l.split('\n')).map((l) => `    ${l}`));
    }
    lines.push(
      'except RedcapError as error:',
      '    # REDCap answered with an error: its message',
      '    sys.exit(f"REDCap error: {error}")',
      '',
    );
    if (kind === 'file') {
      lines.push(
        '# PyCap gives the file name REDCap sent in headers["name"]',
        `name = os.path.basename(headers.get("name") or ${py(options.response.fallbackFileName)})`,
        'with open(name, "wb") as file:',
        '    file.write(content)',
        'print(f"Saved {name}")',
      );
    } else if (kind === 'format' && format === 'json') {
      if (!lines.includes('import json'))
        lines.splice(lines.indexOf('import os'), 0, 'import json');
      lines.push('print(json.dumps(result, indent=2, ensure_ascii=False))');
    } else {
      lines.push('print(result)');
    }
    return lines.join('\n') + '\n';
  },
});
