extension HTMLReport {
    /// The inline script: makes the agency table sortable (click a column header) and filterable
    /// (text and status). It reads only the table itself and never builds markup from text, so
    /// escaped page content stays inert. When it finishes it marks `<body data-ready="1">`, which
    /// the headless-browser check looks for. Without it the report reads the same, unsorted.
    static let script = """
    (function () {
      "use strict";
      var table = document.getElementById("agency-table");
      if (!table || !table.tBodies.length) { document.body.setAttribute("data-ready", "1"); return; }
      var body = table.tBodies[0];
      var headers = table.tHead.rows[0].cells;
      var rows = Array.prototype.slice.call(body.rows);
      var collator = new Intl.Collator(document.documentElement.lang || "ru", { numeric: true, sensitivity: "base" });
      function key(row, index) {
        var cell = row.cells[index];
        return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
      }
      function sortBy(index, numeric, descending) {
        var sorted = rows.slice().sort(function (a, b) {
          var x = key(a, index), y = key(b, index);
          var order = numeric ? (Number(x) - Number(y)) : collator.compare(x, y);
          if (order === 0) { order = rows.indexOf(a) - rows.indexOf(b); return order; }
          return descending ? -order : order;
        });
        sorted.forEach(function (row) { body.appendChild(row); });
      }
      Array.prototype.forEach.call(headers, function (th, index) {
        var type = th.getAttribute("data-type");
        if (!type) { return; }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort";
        while (th.firstChild) { button.appendChild(th.firstChild); }
        th.appendChild(button);
        button.addEventListener("click", function () {
          var descending = th.getAttribute("aria-sort") === "ascending" || (!th.hasAttribute("aria-sort") && type === "num");
          Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", descending ? "descending" : "ascending");
          sortBy(index, type === "num", descending);
        });
      });
      var text = document.getElementById("filter-text");
      var status = document.getElementById("filter-status");
      var count = document.getElementById("filter-count");
      var total = rows.length;
      function applyFilter() {
        var needle = text.value.trim().toLocaleLowerCase();
        var wanted = status.value;
        var shown = 0;
        rows.forEach(function (row) {
          var statuses = (row.getAttribute("data-statuses") || "").split(" ");
          var visible = (!needle || row.textContent.toLocaleLowerCase().indexOf(needle) !== -1) &&
                        (!wanted || statuses.indexOf(wanted) !== -1);
          row.hidden = !visible;
          if (visible) { shown += 1; }
        });
        count.textContent = (document.documentElement.lang === "en" ? "shown: " : "показано: ") + shown + " / " + total;
      }
      if (text && status && count) {
        text.addEventListener("input", applyFilter);
        status.addEventListener("change", applyFilter);
        document.getElementById("filters").hidden = false;
        applyFilter();
      }
      document.body.setAttribute("data-ready", "1");
    })();

    """
}
