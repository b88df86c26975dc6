//! Execution order: resources whose `output` another one references run first; otherwise
//! manifest order. A dependency cycle is reported as the chain `a -> b -> a`.

use std::collections::BTreeSet;

/// Indexes in execution order, or the names along a cycle.
pub fn execution_order(
    names: &[String],
    deps: &[BTreeSet<String>],
) -> Result<Vec<usize>, Vec<String>> {
    let index = |name: &str| names.iter().position(|n| n == name);
    let mut placed = vec![false; names.len()];
    let mut order = Vec::with_capacity(names.len());
    // Repeatedly take the first resource (in manifest order) whose dependencies are placed.
    while order.len() < names.len() {
        let next = (0..names.len())
            .find(|&i| !placed[i] && deps[i].iter().all(|d| index(d).is_none_or(|j| placed[j])));
        match next {
            Some(i) => {
                placed[i] = true;
                order.push(i);
            }
            None => {
                let start = (0..names.len()).find(|&i| !placed[i]).unwrap_or(0);
                return Err(find_cycle(names, deps, &placed, start));
            }
        }
    }
    Ok(order)
}

/// Follow unplaced dependencies (every unplaced resource has one) from `start` until a name repeats.
fn find_cycle(
    names: &[String],
    deps: &[BTreeSet<String>],
    placed: &[bool],
    start: usize,
) -> Vec<String> {
    let mut path = vec![start];
    loop {
        let current = *path.last().unwrap_or(&start);
        let next = deps[current]
            .iter()
            .filter_map(|d| names.iter().position(|n| n == d))
            .find(|&j| !placed[j])
            .unwrap_or(start);
        if let Some(pos) = path.iter().position(|&p| p == next) {
            let mut cycle: Vec<String> = path[pos..].iter().map(|&i| names[i].clone()).collect();
            cycle.push(names[next].clone());
            return cycle;
        }
        path.push(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn deps(list: &[&[&str]]) -> Vec<BTreeSet<String>> {
        list.iter()
            .map(|d| d.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn dependencies_first_otherwise_manifest_order() {
        let order = execution_order(&names(&["a", "b", "c"]), &deps(&[&["c"], &[], &[]])).unwrap();
        assert_eq!(order, vec![1, 2, 0]);
    }

    #[test]
    fn cycles_are_named() {
        let err =
            execution_order(&names(&["x", "a", "b"]), &deps(&[&[], &["b"], &["a"]])).unwrap_err();
        assert_eq!(err, names(&["a", "b", "a"]));
        let err = execution_order(&names(&["a"]), &deps(&[&["a"]])).unwrap_err();
        assert_eq!(err, names(&["a", "a"]));
    }
}
