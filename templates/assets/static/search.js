// Pagefind's search box on /search/, started with the query from the address (?q=…).
window.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") return;
  const ui = new PagefindUI({
    element: "#search",
    showSubResults: false,
    showImages: false,
    resetStyles: false,
    translations: { zero_results: element.dataset.empty },
  });
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
