import {
  addRepositoryFile,
  createFolder,
  deleteRepositoryFile,
  folderContents,
  repositoryFile,
  repositoryFolder,
} from '../store/file-repository.ts';
import { paramsOf, type Params } from '../wire/params.ts';
import { payloadFormat, renderTable, respond, type MockResponse } from '../wire/render.ts';
import { badRequest, FILE_REPOSITORY_RIGHT, type Route, type RouteContext } from '../wire/route.ts';

/**
 * The File Repository (§2.17). Every action needs the File Repository right (403, the text is
 * the mock's); what a user sees and what changes is the store's (`store/file-repository.ts`).
 */

/** CSV/XML columns observed on a v14 server (§2.17); cells that do not apply are blank. */
const LIST_COLUMNS = ['folder_id', 'doc_id', 'name', 'role', 'dag'];

/** `folder_id` → the folder (null = top level when absent or blank), else the §1.8 400. */
function folderParam(ctx: RouteContext, p: Params<'folder_id'>): number | null {
  return repositoryFolder(ctx.project, ctx.user, p.trimmed('folder_id'));
}

/** The repository file `doc_id` names, if the user may see its folder (400 otherwise). */
function fileParam(ctx: RouteContext, p: Params<'doc_id'>) {
  return repositoryFile(ctx.project, ctx.user, p.trimmed('doc_id'));
}

export const create_folder_file_repo: Route = {
  right: 'import',
  module: FILE_REPOSITORY_RIGHT,
  handle(ctx): MockResponse {
    const p = paramsOf(ctx, 'create_folder_file_repo');
    const name = p.trimmed('name');
    if (name === '') throw badRequest("The parameter 'name' is missing");
    if (name.length > 150) throw badRequest("The parameter 'name' cannot exceed 150 characters");
    const parent = folderParam(ctx, p);
    const dagId = p.trimmed('dag_id');
    const roleId = p.trimmed('role_id');
    const folderId = createFolder(ctx.project, name, parent, dagId, roleId);
    ctx.log('Manage/Design', `Create folder in File Repository ${ctx.apiTag} (${name})`);
    const format = payloadFormat(ctx.format);
    return respond(200, format, renderTable(['folder_id'], [{ folder_id: folderId }], format));
  },
};

export const exp_list_file_repo: Route = {
  right: 'export',
  module: FILE_REPOSITORY_RIGHT,
  handle(ctx): MockResponse {
    const parent = folderParam(ctx, paramsOf(ctx, 'exp_list_file_repo'));
    const { folders, files } = folderContents(ctx.project, ctx.user, parent);
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
    const { doc } = fileParam(ctx, paramsOf(ctx, 'exp_file_repo'));
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
    const docId = addRepositoryFile(
      ctx.project,
      folderParam(ctx, paramsOf(ctx, 'imp_file_repo')),
      upload,
    );
    ctx.log('Manage/Design', `Upload file to File Repository ${ctx.apiTag} (doc_id=${docId})`);
    return respond(200, ctx.returnFormat, '');
  },
};

export const del_file_repo: Route = {
  right: 'import',
  module: FILE_REPOSITORY_RIGHT,
  handle(ctx): MockResponse {
    const { file } = fileParam(ctx, paramsOf(ctx, 'del_file_repo'));
    deleteRepositoryFile(ctx.project, file);
    ctx.log(
      'Manage/Design',
      `Delete file from File Repository ${ctx.apiTag} (doc_id=${file.doc_id})`,
    );
    return respond(200, ctx.returnFormat, '');
  },
};
