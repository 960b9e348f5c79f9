/** What Execute does on the page itself: focus and scroll (ExecutionState's hooks). */

/** Takes the user to the first message of an invalid form. */
export function focusFirstError(): void {
  document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** One column (≤ 1100 px, as in theme.css): the answer is below the form, so go to it. */
export function showAnswer(): void {
  if (!window.matchMedia?.('(max-width: 1100px)').matches) return;
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  document
    .querySelector('section.response')
    ?.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
}
