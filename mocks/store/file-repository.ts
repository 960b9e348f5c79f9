import { findDag } from './access.ts';
import { badRequest } from './errors.ts';
import type {
  FileRepository,
  ProjectData,
  ProjectUser,
  RepoFile,
  RepoFolder,
  StoredDoc,
} from './types.ts';

/**
 * The File Repository (§2.17) in the store: folders restricted to a DAG are hidden from users
 * in another DAG; files keep their bytes in `edocs`, like files attached to records. The texts
 * for a folder or file a user cannot see are REDCap's (REDCapR's test-file-repo-list-oneshot.R).
 */

/** The project's repository; `write` creates it when absent (reads never change the store). */
function repositoryOf(project: ProjectData, write = false): FileRepository {
  const empty = { folders: [], files: [], nextFolderId: 1 };
  if (write) return (project.fileRepository ??= empty);
  return project.fileRepository ?? empty;
}

/** A user in a DAG sees unrestricted folders and those of their own DAG. */
function visible(project: ProjectData, user: ProjectUser, folder: RepoFolder): boolean {
  if (folder.dag_id === null || user.data_access_group === '') return true;
  return findDag(project, user.data_access_group)?.data_access_group_id === folder.dag_id;
}

/** The folder `folder_id` names (null = top level for ''), if the user may see it. */
export function repositoryFolder(
  project: ProjectData,
  user: ProjectUser,
  folderId: string,
): number | null {
  if (folderId === '') return null;
  const folder = repositoryOf(project).folders.find((f) => String(f.folder_id) === folderId);
  if (!folder || !visible(project, user, folder)) {
    throw badRequest(
      `The File Repository folder folder_id=${folderId} does not exist or else you do not have permission to that folder because it is DAG-restricted or Role-restricted.`,
    );
  }
  return folder.folder_id;
}

/** The repository file `doc_id` names, if the user may see its folder. */
export function repositoryFile(
  project: ProjectData,
  user: ProjectUser,
  docId: string,
): { readonly file: RepoFile; readonly doc: StoredDoc } {
  const repo = repositoryOf(project);
  const file = repo.files.find((f) => String(f.doc_id) === docId);
  const folder =
    file?.folder_id == null ? undefined : repo.folders.find((f) => f.folder_id === file.folder_id);
  const doc = project.edocs.find((d) => String(d.doc_id) === docId);
  if (!file || !doc || (folder && !visible(project, user, folder))) {
    throw badRequest(`The file doc_id=${docId} does not exist in the File Repository`);
  }
  return { file, doc };
}

/** A new folder in `parent`, limited to a DAG and a role when given; its id. */
export function createFolder(
  project: ProjectData,
  name: string,
  parent: number | null,
  dagId: string,
  roleId: string,
): number {
  let dag: number | null = null;
  if (dagId !== '') {
    const found = (project.dags ?? []).find((d) => String(d.data_access_group_id) === dagId);
    if (!found) throw badRequest(`The dag_id ${dagId} is not a valid data access group`);
    dag = found.data_access_group_id;
  }
  if (roleId !== '' && !/^[1-9]\d*$/.test(roleId)) {
    throw badRequest(`The role_id ${roleId} is not a valid user role`);
  }
  const repo = repositoryOf(project, true);
  const folderId = repo.nextFolderId++;
  repo.folders.push({
    folder_id: folderId,
    name,
    parent_folder_id: parent,
    dag_id: dag,
    role_id: roleId === '' ? null : Number(roleId),
  });
  return folderId;
}

const natural = (a: string, b: string) =>
  a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

/** What a folder holds for a user: visible subfolders, then files, each in natural name order. */
export function folderContents(
  project: ProjectData,
  user: ProjectUser,
  parent: number | null,
): { readonly folders: RepoFolder[]; readonly files: { doc_id: number; name: string }[] } {
  const repo = repositoryOf(project);
  const folders = repo.folders
    .filter((f) => f.parent_folder_id === parent && visible(project, user, f))
    .sort((a, b) => natural(a.name, b.name));
  const files = repo.files
    .filter((f) => f.folder_id === parent)
    .map((f) => ({
      doc_id: f.doc_id,
      name: project.edocs.find((d) => d.doc_id === f.doc_id)?.name ?? '',
    }))
    .sort((a, b) => natural(a.name, b.name));
  return { folders, files };
}

/** Stores an upload in a folder (REDCap drops apostrophes from its name); its doc id. */
export function addRepositoryFile(
  project: ProjectData,
  folderId: number | null,
  upload: { readonly name: string; readonly type: string; readonly bytes: Uint8Array },
): number {
  const docId = project.nextDocId++;
  const name = upload.name.replace(/'/g, '');
  project.edocs.push({ doc_id: docId, name, mime: upload.type, bytes: upload.bytes.slice() });
  repositoryOf(project, true).files.push({ doc_id: docId, folder_id: folderId });
  return docId;
}

/** Removes a repository file and its bytes. */
export function deleteRepositoryFile(project: ProjectData, file: RepoFile): void {
  const repo = repositoryOf(project, true);
  repo.files = repo.files.filter((f) => f !== file);
  project.edocs = project.edocs.filter((d) => d.doc_id !== file.doc_id);
}
