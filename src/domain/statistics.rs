//! Small-cell suppression for the public statistics: no published figure may let anyone single
//! out a person.
//!
//! **Primary suppression.** A count of 1 to 4 people (`MIN_CELL` = 5) is withheld: published as
//! `null` with `suppressed: true`. A zero is not suppressed: it says that nobody is in the cell,
//! which singles out no one. The aggregate queries return only cells with at least one person, so
//! a zero never appears as a row of its own; a combination that is missing is zero.
//!
//! **Secondary suppression.** No totals row is printed, but a coarser table is a total: the
//! table `by=citizenship` holds, for each citizenship, the sum of the `by=citizenship,gender`
//! line. A lone withheld cell could then be recovered by subtracting the shown cells of its line
//! from the coarser figure. So every table a caller can ask for is computed and suppressed
//! together (`suppress_all`): in every group of a total and the line it sums, the number of
//! withheld cells is never exactly one — when it is, the smallest shown non-zero cell of the
//! group is withheld too, repeated until nothing changes. A subtraction then yields only the sum
//! of two or more withheld cells. The dimensions every table keeps (year, region) are never summed
//! away by the API, so they need no guard.
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

/// A cell of one of the tables a caller can ask for: a value per dimension, `None` where the
/// dimension is summed away.
pub type Key<K> = Vec<Option<K>>;

/// Every table a caller can ask for, suppressed consistently with each other. `fine` holds the
/// finest counts (every dimension present); `summable` names the positions of the dimensions a
/// caller may leave out. Each coarser table is the sum of a finer one, so each cell is the total
/// of the line of finer cells that differ only in one more dimension; in every such group
/// (the total and its line) the number of withheld cells is never exactly one: when it is, the
/// smallest shown non-zero cell of the group is withheld too, until nothing changes.
pub fn suppress_all<K: Ord + Clone>(
    fine: &[(Vec<K>, i64)],
    summable: &[usize],
) -> BTreeMap<Key<K>, Cell> {
    // Every table: each subset of the summable dimensions summed away.
    let mut sums: BTreeMap<Key<K>, i64> = BTreeMap::new();
    for (key, n) in fine {
        for mask in 0u32..(1u32 << summable.len()) {
            let mut k: Key<K> = key.iter().cloned().map(Some).collect();
            for (bit, &d) in summable.iter().enumerate() {
                if mask & (1 << bit) != 0 {
                    if let Some(slot) = k.get_mut(d) {
                        *slot = None;
                    }
                }
            }
            *sums.entry(k).or_default() += n;
        }
    }
    // The groups: a total and the line it sums.
    let mut groups: BTreeMap<(usize, Key<K>), Vec<Key<K>>> = BTreeMap::new();
    for k in sums.keys() {
        for &d in summable {
            if k.get(d).is_some_and(Option::is_some) {
                let mut total = k.clone();
                total[d] = None;
                groups
                    .entry((d, total.clone()))
                    .or_insert_with(|| vec![total])
                    .push(k.clone());
            }
        }
    }
    let mut withheld: BTreeMap<Key<K>, bool> = sums
        .iter()
        .map(|(k, &n)| (k.clone(), too_small(n)))
        .collect();
    loop {
        let mut changed = false;
        for cells in groups.values() {
            let hidden = cells.iter().filter(|k| withheld[*k]).count();
            if hidden != 1 {
                continue;
            }
            let next = cells
                .iter()
                .filter(|k| !withheld[*k] && sums[*k] > 0)
                .min_by_key(|k| sums[*k])
                .cloned();
            if let Some(k) = next {
                withheld.insert(k, true);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    sums.into_iter()
        .map(|(k, n)| {
            let cell = if withheld[&k] {
                Cell::withheld()
            } else {
                Cell::shown(n)
            };
            (k, cell)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(
        fine: &[(Vec<&'static str>, i64)],
        summable: &[usize],
    ) -> BTreeMap<Key<&'static str>, Cell> {
        let fine: Vec<(Vec<&str>, i64)> = fine.to_vec();
        suppress_all(&fine, summable)
    }

    fn at(t: &BTreeMap<Key<&'static str>, Cell>, k: &[Option<&'static str>]) -> Option<i64> {
        t[&k.to_vec()].value
    }

    #[test]
    fn without_summable_dimensions_only_small_cells_are_withheld() {
        let t = table(&[(vec!["KG"], 7), (vec!["UZ"], 3), (vec!["TJ"], 6)], &[]);
        assert_eq!(at(&t, &[Some("KG")]), Some(7));
        assert_eq!(at(&t, &[Some("UZ")]), None);
        assert!(t[&vec![Some("UZ")]].suppressed && !t[&vec![Some("KG")]].suppressed);
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn a_lone_withheld_cell_takes_the_next_smallest_of_its_line_with_it() {
        // 12 KG, 6 TJ, 3 UZ: the total 21 is shown, so UZ alone withheld would be 21 − 18.
        let t = table(&[(vec!["KG"], 12), (vec!["TJ"], 6), (vec!["UZ"], 3)], &[0]);
        assert_eq!(at(&t, &[None]), Some(21));
        assert_eq!(at(&t, &[Some("KG")]), Some(12));
        assert_eq!(at(&t, &[Some("TJ")]), None);
        assert_eq!(at(&t, &[Some("UZ")]), None);
        // 7 KG and 3 UZ: with only two cells, both go (or the total would give UZ away); the
        // total of 10 stays.
        let t = table(&[(vec!["KG"], 7), (vec!["UZ"], 3)], &[0]);
        assert_eq!(
            (
                at(&t, &[None]),
                at(&t, &[Some("KG")]),
                at(&t, &[Some("UZ")])
            ),
            (Some(10), None, None)
        );
    }

    #[test]
    fn the_coarser_tables_are_withheld_consistently() {
        // KG: 5 men, 3 women; TJ: 6 men.
        let fine = [
            (vec!["KG", "male"], 5),
            (vec!["KG", "female"], 3),
            (vec!["TJ", "male"], 6),
        ];
        let t = table(&fine, &[0, 1]);
        for (k, c) in &t {
            // Every group: the total and its line never have exactly one withheld cell.
            for d in 0..2 {
                if k[d].is_none() {
                    let line: Vec<&Cell> = t
                        .iter()
                        .filter(|(l, _)| l[d].is_some() && (0..2).all(|e| e == d || l[e] == k[e]))
                        .map(|(_, c)| c)
                        .collect();
                    let hidden =
                        line.iter().filter(|c| c.suppressed).count() + usize::from(c.suppressed);
                    assert_ne!(hidden, 1, "{k:?} along {d}: {t:?}");
                }
            }
        }
        assert_eq!(at(&t, &[Some("KG"), Some("female")]), None);
        assert_eq!(at(&t, &[Some("KG"), Some("male")]), None);
    }

    #[test]
    fn what_is_shown_is_the_true_count_and_nothing_under_5_is() {
        let mut fine = Vec::new();
        let cs = ["KG", "UZ", "TJ", "AM"];
        let gs = ["male", "female", "other"];
        let counts = [1, 8, 9, 12, 30, 2, 6, 7, 50, 11, 13, 4];
        for (i, n) in counts.iter().enumerate() {
            fine.push((vec![cs[i / 3], gs[i % 3]], *n));
        }
        let t = table(&fine, &[0, 1]);
        for (k, c) in &t {
            let truth: i64 = fine
                .iter()
                .filter(|(f, _)| (0..2).all(|d| k[d].is_none_or(|v| v == f[d])))
                .map(|(_, n)| n)
                .sum();
            assert!(!too_small(truth) || c.suppressed, "{k:?}");
            assert!(c.suppressed || c.value == Some(truth), "{k:?}");
        }
    }
}
