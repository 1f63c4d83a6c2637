//! Reading an uploaded people file into text cells, for the import service: CSV (UTF-8, an
//! optional BOM, `,` `;` or tab detected from the header line) and XLSX (the first sheet,
//! dates as `YYYY-MM-DD`). Line numbers are the file's, the header being line 1. Also the
//! downloadable error report, formula-neutralized. Used by the web upload and by the CLI.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use otandas_domain::imports::RowError;

use crate::export::csv_record;

/// The largest file an upload or the file API accepts (the other requests keep the smaller
/// `max_body_bytes`).
pub const UPLOAD_LIMIT: usize = 16 * 1024 * 1024;

/// A file read into cells: the header row and every non-empty data row with its line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The header cells (line 1).
    pub headers: Vec<String>,
    /// `(line, cells)` of each data row that has a non-empty cell.
    pub rows: Vec<(u32, Vec<String>)>,
}

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    /// Not UTF-8 text, not a valid CSV, or not a readable XLSX workbook.
    #[error("unreadable file: {0}")]
    Unreadable(String),
    /// The file has no header row.
    #[error("the file is empty")]
    Empty,
}

impl ReadError {
    /// The stable code of the error (`unreadable` or `empty`), for translation.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unreadable(_) => "unreadable",
            Self::Empty => "empty",
        }
    }
}

/// Reads a CSV or an XLSX file, told apart by their content (an XLSX file is a ZIP archive).
///
/// # Errors
/// [`ReadError`] when the file cannot be read or has no header.
pub fn read_file(bytes: &[u8]) -> Result<Sheet, ReadError> {
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)
    } else {
        read_csv(bytes)
    }
}

/// The most frequent of `,` `;` and tab in the header line (`,` when none).
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .filter(|d| header.bytes().any(|b| b == *d))
        .unwrap_or(b',')
}

fn non_empty(cells: &[String]) -> bool {
    cells.iter().any(|c| !c.trim().is_empty())
}

/// Reads a UTF-8 CSV file.
///
/// # Errors
/// [`ReadError`] when the file is not UTF-8, not CSV, or empty.
pub fn read_csv(bytes: &[u8]) -> Result<Sheet, ReadError> {
    let text =
        std::str::from_utf8(bytes).map_err(|e| ReadError::Unreadable(format!("not UTF-8: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut sheet = Sheet::default();
    let mut first = true;
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Unreadable(e.to_string()))?;
        let line = record
            .position()
            .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if first {
            sheet.headers = cells;
            first = false;
        } else if non_empty(&cells) {
            sheet.rows.push((line, cells));
        }
    }
    if first || !non_empty(&sheet.headers) {
        return Err(ReadError::Empty);
    }
    Ok(sheet)
}

/// One XLSX cell as text: integers without `.0`, dates as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{f:.0}")
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Data::DateTime(d) => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
    }
}

/// Reads the first sheet of an XLSX workbook.
///
/// # Errors
/// [`ReadError`] when the workbook cannot be read or its first sheet is empty.
pub fn read_xlsx(bytes: &[u8]) -> Result<Sheet, ReadError> {
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| ReadError::Unreadable(e.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or(ReadError::Empty)?
        .map_err(|e| ReadError::Unreadable(e.to_string()))?;
    let first_row = range.start().map_or(0, |(row, _)| row);
    let first_col = range.start().map_or(0, |(_, col)| col);
    let padding = usize::try_from(first_col).unwrap_or_default();
    let mut sheet = Sheet::default();
    let mut header_seen = false;
    for (index, row) in range.rows().enumerate() {
        let mut cells = vec![String::new(); padding];
        cells.extend(row.iter().map(cell_text));
        let line = u32::try_from(index)
            .unwrap_or(u32::MAX)
            .saturating_add(first_row)
            .saturating_add(1);
        if !header_seen {
            if non_empty(&cells) {
                sheet.headers = cells;
                header_seen = true;
            }
        } else if non_empty(&cells) {
            sheet.rows.push((line, cells));
        }
    }
    if header_seen {
        Ok(sheet)
    } else {
        Err(ReadError::Empty)
    }
}

/// The error report as CSV (header `line,column,field,code,reason`), every cell
/// formula-neutralized; `reason` is the translated explanation of each error.
pub fn error_report_csv(errors: &[RowError], reason: impl Fn(&RowError) -> String) -> String {
    let mut out = csv_record(&["line", "column", "field", "code", "reason"]);
    for e in errors {
        let line = e.line.to_string();
        let why = reason(e);
        out.push_str(&csv_record(&[
            &line,
            &e.column_header,
            &e.field,
            &e.code,
            &why,
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_semicolon_csv_with_a_bom_reads_with_file_line_numbers() {
        let sheet = read_csv("\u{feff}key;Фамилия\nA-1;Әбілова\n\n;\n\"B\n2\";X\nC;Y\n".as_bytes())
            .unwrap();
        assert_eq!(sheet.headers, ["key", "Фамилия"]);
        let lines: Vec<u32> = sheet.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 5, 7]);
        assert_eq!(sheet.rows[1].1, ["B\n2", "X"]);
    }

    #[test]
    fn tabs_and_commas_are_detected() {
        assert_eq!(read_csv(b"a\tb\n1\t2\n").unwrap().rows[0].1, ["1", "2"]);
        assert_eq!(read_csv(b"a,b\n1,2\n").unwrap().rows[0].1, ["1", "2"]);
    }

    #[test]
    fn an_empty_or_binary_file_is_refused() {
        assert_eq!(read_csv(b"").unwrap_err(), ReadError::Empty);
        assert_eq!(
            read_file(&[0xff, 0xfe, 0x00]).unwrap_err().code(),
            "unreadable"
        );
        assert_eq!(
            read_file(b"PK\x03\x04garbage").unwrap_err().code(),
            "unreadable"
        );
    }

    #[test]
    fn the_error_report_neutralizes_formulas() {
        let report = error_report_csv(
            &[RowError {
                line: 3,
                column_header: "=HYPERLINK(\"x\")".into(),
                field: "email".into(),
                code: "malformed".into(),
            }],
            |_| "-bad".into(),
        );
        assert!(report.contains("3,\"'=HYPERLINK(\"\"x\"\")\",email,malformed,'-bad"));
    }
}
