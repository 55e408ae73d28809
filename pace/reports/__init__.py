"""Cabinet reports and the other PDFs: assembling them from live data
(``documents``), their appendices (``appendices``), the structure chart
(``structure_chart``), and the pages that serve them (``views``, ``urls``)."""
