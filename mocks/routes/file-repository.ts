import { scalarField } from '../../src/lib/redcap/decode.ts';
import { payloadFormat, renderTable, respond, type MockResponse } from '../wire/render.ts';
import { findDag } from '../store/access.ts';
import type { FileRepository, RepoFolder } from '../store/types.ts';
import { badRequest, FILE_REPOSITORY_RIGHT, type Route, type RouteContext } from '../wire/route.ts';

/**
 * The File Repository (§2.17). Every action needs the File Repository right (403, the text is
 * the mock's); folders restricted to a DAG are hidden from users in another DAG. Files keep
 * their bytes in `edocs`, like files attached to records.
 */

/** CSV/XML columns observed on a v14 server (§2.17); cells that do not apply are blank. */
const LIST_COLUMNS = ['folder_id', 'doc_id', 'name', 'role', 'dag'];

/** The project's repository; `write` creates it when absent (reads never change the store). */
function repositoryOf(ctx: RouteContext, write = false): FileRepository {
  const empty = { folders: [], files: [], nextFolderId: 1 };
  if (write) return (ctx.project.fileRepository ??= empty);
  return ctx.project.fileRepository ?? empty;
}

/** A user in a DAG sees unrestricted folders and those of their own DAG. */
function visible(ctx: RouteContext, folder: RepoFolder): boolean {
  if (folder.dag_id === null || ctx.user.data_access_group === '') return true;
  return findDag(ctx.project, ctx.user.data_access_group)?.data_access_group_id === folder.dag_id;
}

const folderMissing = (raw: string) =>
  badRequest(
    `The File Repository folder folder_id=${raw} does not exist or else you do not have permission to that folder because it is DAG-restricted or Role-restricted.`,
  );

/** `folder_id` → the folder (null = top level when absent or blank), else the §1.8 400. */
function folderParam(ctx: RouteContext): number | null {
  const raw = (scalarField(ctx.fields, 'folder_id') ?? '').trim();
  if (raw === '') return null;
  const folder = repositoryOf(ctx).folders.find((f) => String(f.folder_id) === raw);
  if (!folder || !visible(ctx, folder)) throw folderMissing(raw);
  return folder.folder_id;
}

/** The repository file `doc_id` names, if the user may see its folder (400 otherwise). */
function fileParam(ctx: RouteContext) {
  const raw = (scalarField(ctx.fields, 'doc_id') ?? '').trim();
  const repo = repositoryOf(ctx);
  const file = repo.files.find((f) => String(f.doc_id) === raw);
  const folder =
    file?.folder_id == null ? undefined : repo.folders.find((f) => f.folder_id === file.folder_id);
  const doc = ctx.project.edocs.find((d) => String(d.doc_id) === raw);
  if (!file || !doc || (folder && !visible(ctx, folder))) {
    throw badRequest(`The file doc_id=${raw} does not exist in the File Repository`);
  }
  return { file, doc };
}

const natural = (a: string, b: string) =>
  a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

export const create_folder_file_repo: Route = {
  right: 'import',
  module: FILE_REPOSITORY_RIGHT,
  handle(ctx): MockResponse {
    const name = (scalarField(ctx.fields, 'name') ?? '').trim();
    if (name === '') throw badRequest("The parameter 'name' is missing");
    if (name.length > 150) throw badRequest("The parameter 'name' cannot exceed 150 characters");
    const parent = folderParam(ctx);
    const dagRaw = (scalarField(ctx.fields, 'dag_id') ?? '').trim();
    let dagId: number | null = null;
    if (dagRaw !== '') {
      const dag = (ctx.project.dags ?? []).find((d) => String(d.data_access_group_id) === dagRaw);
      if (!dag) throw badRequest(`The dag_id ${dagRaw} is not a valid data access group`);
      dagId = dag.data_access_group_id;
    }
    const roleRaw = (scalarField(ctx.fields, 'role_id') ?? '').trim();
    if (roleRaw !== '' && !/^[1-9]\d*$/.test(roleRaw)) {
      throw badRequest(`The role_id ${roleRaw} is not a valid user role`);
    }
    const repo = repositoryOf(ctx, true);
    const folderId = repo.nextFolderId++;
    repo.folders.push({
      folder_id: folderId,
      name,
      parent_folder_id: parent,
      dag_id: dagId,
      role_id: roleRaw === '' ? null : Number(roleRaw),
    });
    ctx.log('Manage/Design', `Create folder in File Repository ${ctx.apiTag} (${name})`);
    const format = payloadFormat(ctx.format);
    return respond(200, format, renderTable(['folder_id'], [{ folder_id: folderId }], format));
  },
};

export const exp_list_file_repo: Route = {
  right: 'export',
  module: FILE_REPOSITORY_RIGHT,
  handle(ctx): MockResponse {
    const parent = folderParam(ctx);
    const repo = repositoryOf(ctx);
    const folders = repo.folders
      .filter((f) => f.parent_folder_id === parent && visible(ctx, f))
      .sort((a, b) => natural(a.name, b.name));
    const files = repo.files
      .filter((f) => f.folder_id === parent)
      .map((f) => ({
        doc_id: f.doc_id,
        name: ctx.project.edocs.find((d) => d.doc_id === f.doc_id)?.name ?? '',
      }))
      .sort((a, b) => natural(a.name, b.name));
    const format = payloadFormat(ctx.format);
    ctx.log('Manage/Design', `Export list of files from File Repository ${ctx.apiTag}`);
    if (format === 'json') {
      const items = [...folders.map((f) => ({ folder_id: f.folder_id, name: f.name })), ...files];
      return respond(200, format, JSON.stringify(items));
    }
    const rows = [
      ...folders.map((f) => ({
        folder_id: f.folder_id,
        name: f.name,
        role: f.role_id ?? '',
        dag: f.dag_id ?? '',
      })),
      ...files,
    ];
    return respond(200, format, renderTable(LIST_COLUMNS, rows, format));
  },
};

/** `text/*` files get PHP's automatic `;charset=UTF-8` after REDCap's `; name="…"` (§2.16). */
function contentType(mime: string, name: string): string {
  const type = `${mime}; name="${name}"`;
  return mime.startsWith('text/') ? `${type};charset=UTF-8` : type;
}

export const exp_file_repo: Route = {
  right: 'export',
  module: FILE_REPOSITORY_RIGHT,
  handle(ctx): MockResponse {
    const { doc } = fileParam(ctx);
    ctx.log(
      'Manage/Design',
      `Download file from File Repository ${ctx.apiTag} (doc_id=${doc.doc_id})`,
    );
    return {
      status: 200,
      headers: { 'content-type': contentType(doc.mime, doc.name) },
      body: doc.bytes.slice(),
    };
  },
};

export const imp_file_repo: Route = {
  right: 'import',
  module: FILE_REPOSITORY_RIGHT,
  handle(ctx): MockResponse {
    if (Object.keys(ctx.files).length === 0) throw badRequest('No valid file was uploaded');
    const upload = ctx.files['file'];
    if (!upload || upload.name === '') {
      throw badRequest('There was a problem with the uploaded file');
    }
    const folderId = folderParam(ctx);
    const { project } = ctx;
    const docId = project.nextDocId++;
    const name = upload.name.replace(/'/g, '');
    project.edocs.push({ doc_id: docId, name, mime: upload.type, bytes: upload.bytes.slice() });
    repositoryOf(ctx, true).files.push({ doc_id: docId, folder_id: folderId });
    ctx.log('Manage/Design', `Upload file to File Repository ${ctx.apiTag} (doc_id=${docId})`);
    return respond(200, ctx.returnFormat, '');
  },
};

export const del_file_repo: Route = {
  right: 'import',
  module: FILE_REPOSITORY_RIGHT,
  handle(ctx): MockResponse {
    const { file } = fileParam(ctx);
    const repo = repositoryOf(ctx, true);
    repo.files = repo.files.filter((f) => f !== file);
    ctx.project.edocs = ctx.project.edocs.filter((d) => d.doc_id !== file.doc_id);
    ctx.log(
      'Manage/Design',
      `Delete file from File Repository ${ctx.apiTag} (doc_id=${file.doc_id})`,
    );
    return respond(200, ctx.returnFormat, '');
  },
};
