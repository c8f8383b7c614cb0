//! Small-cell suppression for the public statistics: no published figure may let anyone single
//! out a person.
//!
//! **Primary suppression.** A count of 1 to 4 people (`MIN_CELL` = 5) is withheld: published as
//! `null` with `suppressed: true`. A zero is not suppressed: it says that nobody is in the cell,
//! which singles out no one. The aggregate queries return only cells with at least one person, so
//! a zero never appears as a row of its own; a combination that is missing is zero.
//!
//! **Secondary suppression.** No totals are printed, but a coarser table is a total: the table
//! `by=citizenship` holds, for each citizenship, the sum of the `by=citizenship,gender` row. So a
//! lone suppressed cell could be recovered by subtracting the shown cells of its line from the
//! coarser figure. Rule: along every dimension that a caller may leave out (every line of cells
//! that differ in that one dimension only), if exactly one cell is suppressed, the smallest shown
//! cell of that line is suppressed too; repeated until nothing changes. A subtraction then yields
//! only the sum of two or more withheld cells. The dimensions a table always keeps (year, region)
//! are never summed away by the API, so their lines need no guard; the caller says which
//! dimensions those are.
//!
//! What it does not guard: differencing over time (the same query a day later) and the bounds a
//! determined reader can put on two withheld cells whose sum is known (8 = 4 + 4). Both are the
//! accepted residue of cell suppression at this threshold.

use std::collections::BTreeMap;

/// The smallest count of people that is published.
pub const MIN_CELL: i64 = 5;

/// A published count: `value` is `None` exactly when `suppressed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub value: Option<i64>,
    pub suppressed: bool,
}

impl Cell {
    pub fn shown(n: i64) -> Self {
        Self {
            value: Some(n),
            suppressed: false,
        }
    }

    pub fn withheld() -> Self {
        Self {
            value: None,
            suppressed: true,
        }
    }
}

/// Whether a count of people is withheld on its own (primary suppression): 1–4.
pub fn too_small(n: i64) -> bool {
    n > 0 && n < MIN_CELL
}

/// A single count with primary suppression only (a figure with no published breakdown).
pub fn single(n: i64) -> Cell {
    if too_small(n) {
        Cell::withheld()
    } else {
        Cell::shown(n)
    }
}

/// Suppresses a table of counts keyed by their dimension values (`keys[i].len()` equal for all).
/// `summable` names the positions of the dimensions a reader can sum away by asking for a
/// coarser table; lines along those get secondary suppression. Returns one cell per count, in
/// order.
pub fn suppress<K: Ord + Clone>(keys: &[Vec<K>], counts: &[i64], summable: &[usize]) -> Vec<Cell> {
    let mut withheld: Vec<bool> = counts.iter().map(|&n| too_small(n)).collect();
    loop {
        let mut changed = false;
        for &dim in summable {
            // The line of a cell along `dim`: its key without that dimension.
            let mut lines: BTreeMap<Vec<K>, Vec<usize>> = BTreeMap::new();
            for (i, k) in keys.iter().enumerate() {
                let mut line = k.clone();
                if dim < line.len() {
                    line.remove(dim);
                }
                lines.entry(line).or_default().push(i);
            }
            for cells in lines.values() {
                if cells.iter().filter(|&&i| withheld[i]).count() != 1 {
                    continue;
                }
                let next = cells
                    .iter()
                    .copied()
                    .filter(|&i| !withheld[i] && counts[i] > 0)
                    .min_by_key(|&i| (counts[i], i));
                if let Some(i) = next {
                    withheld[i] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    counts
        .iter()
        .zip(withheld)
        .map(|(&n, w)| if w { Cell::withheld() } else { Cell::shown(n) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(cells: &[Cell]) -> Vec<Option<i64>> {
        cells.iter().map(|c| c.value).collect()
    }

    #[test]
    fn one_to_four_people_are_withheld_zero_and_five_are_shown() {
        assert_eq!(single(0), Cell::shown(0));
        for n in 1..5 {
            assert_eq!(single(n), Cell::withheld(), "{n}");
        }
        assert_eq!(single(5), Cell::shown(5));
        assert_eq!(single(700), Cell::shown(700));
    }

    #[test]
    fn a_table_without_summable_dimensions_gets_primary_suppression_only() {
        let keys = vec![vec!["KG"], vec!["UZ"], vec!["TJ"]];
        let cells = suppress(&keys, &[7, 3, 6], &[]);
        assert_eq!(values(&cells), [Some(7), None, Some(6)]);
        assert!(cells[1].suppressed && !cells[0].suppressed);
    }

    #[test]
    fn a_lone_withheld_cell_takes_the_next_smallest_of_its_line_with_it() {
        // KG: 5 men, 3 women; the coarser table shows KG = 8, so 8 − 5 would give 3.
        let keys = vec![
            vec!["KG", "male"],
            vec!["KG", "female"],
            vec!["UZ", "male"],
            vec!["UZ", "female"],
        ];
        let cells = suppress(&keys, &[5, 3, 20, 9], &[1]);
        assert_eq!(values(&cells), [None, None, Some(20), Some(9)]);
        // Along both dimensions: the women's line (KG 3, UZ 9) loses UZ too, then the UZ line
        // has one withheld cell and loses its other.
        let cells = suppress(&keys, &[5, 3, 20, 9], &[0, 1]);
        assert_eq!(values(&cells), [None, None, None, None]);
    }

    #[test]
    fn no_line_is_left_with_exactly_one_withheld_cell() {
        let keys: Vec<Vec<u8>> = (0..4u8)
            .flat_map(|a| (0..3u8).map(move |b| vec![a, b]))
            .collect();
        let counts = [1, 8, 9, 12, 30, 2, 6, 7, 50, 11, 13, 14];
        let cells = suppress(&keys, &counts, &[0, 1]);
        for dim in [0usize, 1] {
            let mut lines: BTreeMap<u8, usize> = BTreeMap::new();
            for (k, c) in keys.iter().zip(&cells) {
                *lines.entry(k[1 - dim]).or_default() += usize::from(c.suppressed);
            }
            assert!(lines.values().all(|&n| n != 1), "{dim}: {lines:?}");
        }
        // Everything under 5 is withheld, and what is shown is the true count.
        for (c, &n) in cells.iter().zip(&counts) {
            assert!(!too_small(n) || c.suppressed);
            assert!(c.suppressed || c.value == Some(n));
        }
    }

    #[test]
    fn a_line_of_one_cell_needs_no_partner() {
        // The coarser figure is the cell itself, and it is withheld there too.
        let cells = suppress(&[vec!["KG", "male"]], &[3], &[1]);
        assert_eq!(values(&cells), [None]);
    }
}
