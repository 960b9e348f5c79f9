/**
 * The snippet targets by name, without their code generators: what the page needs before any
 * code is shown (the language list, file extensions). The generators load on demand
 * (`import('./index.ts')`), keeping them out of the initial JavaScript. A test keeps this list
 * equal to TARGETS in index.ts.
 */
export const TARGET_CATALOG = [
  { id: 'shell-curl', label: 'Shell (curl)', extension: 'sh' },
  { id: 'python-requests', label: 'Python (requests)', extension: 'py' },
  { id: 'python-pycap', label: 'Python (PyCap)', extension: 'py' },
  { id: 'r-httr', label: 'R (httr)', extension: 'R' },
  { id: 'r-redcapr', label: 'R (REDCapR)', extension: 'R' },
  { id: 'javascript-fetch', label: 'JavaScript (fetch, browser)', extension: 'js' },
  { id: 'node-fetch', label: 'Node.js (fetch)', extension: 'mjs' },
  { id: 'php-curl', label: 'PHP (cURL)', extension: 'php' },
  { id: 'ruby-net-http', label: 'Ruby (Net::HTTP)', extension: 'rb' },
  { id: 'perl-lwp', label: 'Perl (LWP)', extension: 'pl' },
  { id: 'java-httpclient', label: 'Java (HttpClient)', extension: 'java' },
  { id: 'csharp-httpclient', label: 'C# (HttpClient)', extension: 'cs' },
  { id: 'go-net-http', label: 'Go (net/http)', extension: 'go' },
  { id: 'powershell', label: 'PowerShell (Invoke-RestMethod)', extension: 'ps1' },
] as const;

export type TargetInfo = (typeof TARGET_CATALOG)[number];
export type CatalogTargetId = TargetInfo['id'];

export function getTargetInfo(id: string): TargetInfo | undefined {
  return TARGET_CATALOG.find((t) => t.id === id);
}
