//! A `report::Doc` on A4 pages (the minutes as a PDF).
