// Renders the site's equations with KaTeX, from the copy in assets/katex/ (KaTeX 0.19.1,
// `npm pack katex`, MIT licence in assets/katex/LICENSE): the site loads nothing from the web.
//
// - Pages: pymdownx.arithmatex (generic mode) wraps each equation of a Markdown page in a
//   span or div of class "arithmatex", holding \( ... \) or \[ ... \].
// - Lessons: nbconvert leaves a notebook's $ ... $ and $$ ... $$ as they are, inside
//   .jupyter-wrapper; only there does a dollar sign start an equation.
// KaTeX's auto-render skips code, pre and script elements, so code and outputs stay as they are.
const PAGE_DELIMITERS = [
  { left: "\\(", right: "\\)", display: false },
  { left: "\\[", right: "\\]", display: true },
];
const LESSON_DELIMITERS = [
  { left: "$$", right: "$$", display: true },
  { left: "$", right: "$", display: false },
  ...PAGE_DELIMITERS,
];

function renderEquations(root) {
  for (const equation of root.querySelectorAll(".arithmatex")) {
    renderMathInElement(equation, { delimiters: PAGE_DELIMITERS, throwOnError: false });
  }
  for (const lesson of root.querySelectorAll(".jupyter-wrapper .jp-MarkdownCell")) {
    renderMathInElement(lesson, { delimiters: LESSON_DELIMITERS, throwOnError: false });
  }
}

// Material's document$ emits each page as it loads, with instant navigation too.
document$.subscribe(({ body }) => renderEquations(body));
