/** The lesson UI, one chunk loaded when a lesson, the index or About first shows. */
export { default as AboutPage } from './AboutPage.svelte';
export { default as LessonIndex } from './LessonIndex.svelte';
export { default as LessonPanel } from './LessonPanel.svelte';
