//! `kubectl get --sort-by=<jsonpath>`, as kubectl 1.31 sorts (kubectl `pkg/cmd/get/sorter.go`
//! and `get.go`).
//!
//! # Public API
//!
//! * [`sort_by`]`(rows, field)`: the default and `-o wide` output. kubectl sorts the rows of the
//!   server's Table (`SortingPrinter` → `TableSorter`) when there are at least two; the field is
//!   relaxed like a custom column (`.metadata.name`, `metadata.name`, `{.metadata.name}`), and
//!   used as given if that fails.
//! * [`sort_objects`]`(objects, field)`: every other output (`-o name|json|yaml|jsonpath|
//!   custom-columns`), where kubectl sorts the items of the List it prints
//!   (`SortingPrinter.sortObj` → `SortObjects`); an empty list is left alone, a field that does
//!   not relax is an error.
//!
//! # What kubectl does, reproduced
//!
//! * The field is a JSONPath with missing keys allowed; an object's sort key is the *first*
//!   value of its first result list (so `.spec.containers[*].name` sorts by the first name;
//!   there is no "exactly one value" check). When no object has a value:
//!   `couldn't find any field with path "{.x}" in the list of objects`.
//! * `isLess` on two values of the object (`interface{}`s): nil first; `int64` with `int64`
//!   and `float64` with `float64` numerically; strings as quantities when both parse
//!   (`resource.ParseQuantity`, so `250m` < `1` < `2Gi`), otherwise with
//!   `sortorder.NaturalLess` (digit runs compared as numbers — which also orders RFC 3339
//!   timestamps in time order); anything else is `unsortable type: bool`,
//!   `unsortable type: map[string]interface {}`, `unsortable interface: interface` (mixed types).
//!   kubectl exits through `klog` on those (`F… sorter.go:…] Field {.x} in … is an unsortable
//!   type: …`); here the message after the klog header is returned as the error.
//! * `Less(i, j)` is `true` whenever `i` has no value — even when `j` has none either — and
//!   the list goes through Go's `sort.Sort` (pattern-defeating quicksort, insertion sort up to
//!   12 elements), which is not stable. Both are reproduced exactly (the pdqsort below follows
//!   Go's `sort/zsortinterface.go`, with its `xorshift` seeded by the length), so the order of
//!   equal keys and of objects without the field is kubectl's: e.g. objects missing the field
//!   come first, in reverse order, when there are at most 12. Checked against Go's own
//!   `sort.Sort` on 72 random lists of 5 to 300 keys, with and without missing ones.
//!
//! Sources (read, not copied): kubectl `pkg/cmd/get/sorter.go` (`SortingPrinter`,
//! `SortObjects`, `RuntimeSort.Less`, `isLess`, `TableSorter`, `NewTableSorter`), `get.go`
//! (`RuntimeSorter`, the printer chain `TablePrinter` → `SortingPrinter`), github.com/fvbommel/
//! sortorder `NaturalLess`, Go 1.22 `sort/sort.go` (`Sort`, `xorshift`, `nextPowerOfTwo`) and
//! `sort/zsortinterface.go` (`pdqsort`, `insertionSort`, `heapSort`, `partition`,
//! `partitionEqual`, `partialInsertionSort`, `breakPatterns`, `choosePivot`).
//!
//! Not reproduced: with several resource types (`kubectl get pods,services --sort-by=…`)
//! kubectl's `RuntimeSorter` sorts the Table objects themselves with `SortObjects` (and usually
//! fails with the `couldn't find any field` error); callers handle that case.

use std::cell::RefCell;
use std::cmp::Ordering;

use cluster::quantity::Quantity;
use serde_json::Value;

use crate::custom_columns::relaxed_jsonpath_expression;
use crate::jsonpath::{self, go_quote, go_sharp_v, go_type_name, JsonPath, Val};

/// `--sort-by` for table output (`SortingPrinter` → `TableSorter` on the server's rows).
pub fn sort_by(rows: &mut Vec<Value>, field: &str) -> Result<(), String> {
    if rows.len() <= 1 {
        return Ok(());
    }
    let field = relaxed_jsonpath_expression(field).unwrap_or_else(|_| field.to_string());
    let parser = jsonpath::parse("sorting", &field)
        .map_err(|e| format!("sorting error: {e}"))?
        .allow_missing_keys(true);
    let mut keys = Vec::with_capacity(rows.len());
    let mut found = false;
    for row in rows.iter() {
        let key = first_value(&parser, row).map_err(|e| {
            format!(
                "Failed to get values for [][]reflect.Value(nil) using {field} (&errors.errorString{{s:{}}})",
                go_quote(&e)
            )
        })?;
        found |= key.is_some();
        keys.push(Ok(key));
    }
    if !found {
        return Err(not_found(&field));
    }
    let order = sort_keys(rows, &keys, &field, "[][][]reflect.Value")?;
    apply(rows, order);
    Ok(())
}

/// `--sort-by` for the other outputs (`SortingPrinter.sortObj` → `SortObjects` on the List).
pub fn sort_objects(objects: &mut Vec<Value>, field: &str) -> Result<(), String> {
    if objects.is_empty() {
        return Ok(());
    }
    let field = relaxed_jsonpath_expression(field)?;
    let parser = jsonpath::parse("sorting", &field)?.allow_missing_keys(true);
    // The field must be found on at least one object (errors up to the first one are kubectl's).
    let mut found = false;
    for obj in objects.iter() {
        if first_value(&parser, obj)?.is_some() {
            found = true;
            break;
        }
    }
    if !found {
        return Err(not_found(&field));
    }
    let keys: Vec<Result<Option<Val<'_>>, String>> = objects.iter().map(|o| first_value(&parser, o)).collect();
    let order = sort_keys(objects, &keys, &field, "*unstructured.Unstructured")?;
    apply(objects, order);
    Ok(())
}

fn not_found(field: &str) -> String {
    format!(
        "couldn't find any field with path {} in the list of objects",
        go_quote(field)
    )
}

/// `values[0][0]` of `FindResults`, if there is one.
fn first_value<'a>(parser: &'a JsonPath, obj: &'a Value) -> Result<Option<Val<'a>>, String> {
    let values = parser.find_values(obj)?;
    Ok(values.first().and_then(|v| v.first()).copied())
}

/// Reorders `items` so that position `k` holds the item that was at `order[k]`.
fn apply(items: &mut Vec<Value>, order: Vec<usize>) {
    let mut old: Vec<Option<Value>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| old.get_mut(i).and_then(Option::take)));
}

/// Runs Go's `sort.Sort` with kubectl's `Less` over the keys; returns the permutation.
fn sort_keys(
    objects: &[Value],
    keys: &[Result<Option<Val<'_>>, String>],
    field: &str,
    holder_type: &str,
) -> Result<Vec<usize>, String> {
    let error = RefCell::new(None::<String>);
    let mut data = Perm {
        order: (0..keys.len()).collect(),
        less: |a: usize, b: usize| -> bool {
            if error.borrow().is_some() {
                return false;
            }
            match kubectl_less(objects, keys, a, b, field, holder_type) {
                Ok(l) => l,
                Err(e) => {
                    *error.borrow_mut() = Some(e);
                    false
                }
            }
        },
    };
    go_sort(&mut data);
    let order = data.order;
    match error.into_inner() {
        Some(e) => Err(e),
        None => Ok(order),
    }
}

/// `RuntimeSort.Less` / `TableSorter.Less` on original indexes `a` and `b`.
fn kubectl_less(
    objects: &[Value],
    keys: &[Result<Option<Val<'_>>, String>],
    a: usize,
    b: usize,
    field: &str,
    holder_type: &str,
) -> Result<bool, String> {
    let get = |n: usize, which: &str| -> Result<Option<Val<'_>>, String> {
        keys[n].clone().map_err(|e| {
            let mut obj = String::new();
            go_sharp_v(&mut obj, &objects[n]);
            format!(
                "Failed to get {which} values for &unstructured.Unstructured{{Object:{obj}}} using {field} (&errors.errorString{{s:{}}})",
                go_quote(&e)
            )
        })
    };
    let i = get(a, "i")?;
    let j = get(b, "j")?;
    let Some(i) = i else { return Ok(true) };
    let Some(j) = j else { return Ok(false) };
    is_less(i, j).map_err(|e| {
        format!(
            "Field {field} in {holder_type} is an unsortable type: {}, err: {e}",
            i.kind_name()
        )
    })
}

/// kubectl's `isLess` for two field values.
fn is_less(i: Val<'_>, j: Val<'_>) -> Result<bool, String> {
    match i {
        // values of the object are `interface{}`s
        Val::Json(iv) => {
            let jv = match j {
                Val::Json(jv) => jv,
                _ => return Err("unsortable interface: interface".to_string()),
            };
            match (iv, jv) {
                (Value::Null, Value::Null) => return Ok(false),
                (Value::Null, _) => return Ok(true),
                (_, Value::Null) => return Ok(false),
                _ => {}
            }
            match iv {
                Value::Number(a) => {
                    let b = match jv {
                        Value::Number(b) => b,
                        _ => return Err("unsortable interface: interface".to_string()),
                    };
                    match (a.as_i64(), b.as_i64()) {
                        (Some(x), Some(y)) => Ok(x < y),
                        (None, None) => Ok(a.as_f64().unwrap_or(0.0) < b.as_f64().unwrap_or(0.0)),
                        // int64 against float64: different dynamic types
                        _ => Err("unsortable interface: interface".to_string()),
                    }
                }
                Value::String(a) => {
                    let Value::String(b) = jv else {
                        return Err("unsortable interface: interface".to_string());
                    };
                    match (Quantity::parse(a), Quantity::parse(b)) {
                        (Ok(x), Ok(y)) => Ok(x.cmp(&y) == Ordering::Less),
                        _ => Ok(natural_less(a, b)),
                    }
                }
                other => Err(format!("unsortable type: {}", go_type_name(Val::Json(other)))),
            }
        }
        // template literals keep their Go kinds
        Val::Str(a) => Ok(natural_less(a, &reflect_string(j))),
        Val::Int(a) => match j {
            Val::Int(b) => Ok(a < b),
            _ => Err("unsortable type: int".to_string()),
        },
        Val::Float(a) => match j {
            Val::Float(b) => Ok(a < b),
            _ => Err("unsortable type: float64".to_string()),
        },
        Val::Byte(a) => match j {
            Val::Byte(b) => Ok(a < b),
            _ => Err("unsortable type: uint8".to_string()),
        },
        Val::Bool(_) => Err("unsortable type: bool".to_string()),
        Val::Invalid => Err("unsortable type: invalid".to_string()),
    }
}

/// `reflect.Value.String()`: the string of a string, `<T Value>` otherwise.
fn reflect_string(v: Val<'_>) -> String {
    match v {
        Val::Str(s) => s.to_string(),
        Val::Json(_) => "<interface {} Value>".to_string(),
        other => format!("<{} Value>", go_type_name(other)),
    }
}

/// github.com/fvbommel/sortorder `NaturalLess`: digit runs compare as numbers (fewer leading
/// zeros first on a tie), everything else bytewise; digits sort before other bytes.
pub(crate) fn natural_less(s1: &str, s2: &str) -> bool {
    let (a, b) = (s1.as_bytes(), s2.as_bytes());
    let (mut i1, mut i2) = (0, 0);
    while i1 < a.len() && i2 < b.len() {
        let (c1, c2) = (a[i1], b[i2]);
        let (d1, d2) = (c1.is_ascii_digit(), c2.is_ascii_digit());
        if d1 != d2 {
            return d1;
        }
        if !d1 {
            if c1 != c2 {
                return c1 < c2;
            }
            i1 += 1;
            i2 += 1;
            continue;
        }
        while i1 < a.len() && a[i1] == b'0' {
            i1 += 1;
        }
        while i2 < b.len() && b[i2] == b'0' {
            i2 += 1;
        }
        let (nz1, nz2) = (i1, i2);
        while i1 < a.len() && a[i1].is_ascii_digit() {
            i1 += 1;
        }
        while i2 < b.len() && b[i2].is_ascii_digit() {
            i2 += 1;
        }
        let (len1, len2) = (i1 - nz1, i2 - nz2);
        if len1 != len2 {
            return len1 < len2;
        }
        let (n1, n2) = (&a[nz1..i1], &b[nz2..i2]);
        if n1 != n2 {
            return n1 < n2;
        }
        if nz1 != nz2 {
            return nz1 < nz2;
        }
    }
    a.len() < b.len()
}

// ---------------------------------------------------------------------------------------------
// Go's sort.Sort (pdqsort), over a permutation
// ---------------------------------------------------------------------------------------------

/// `sort.Interface` over a permutation of original indexes.
struct Perm<F: FnMut(usize, usize) -> bool> {
    order: Vec<usize>,
    less: F,
}

impl<F: FnMut(usize, usize) -> bool> Perm<F> {
    fn len(&self) -> usize {
        self.order.len()
    }
    fn less(&mut self, i: usize, j: usize) -> bool {
        let (a, b) = (self.order[i], self.order[j]);
        (self.less)(a, b)
    }
    fn swap(&mut self, i: usize, j: usize) {
        self.order.swap(i, j);
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Hint {
    Unknown,
    Increasing,
    Decreasing,
}

/// `sort.Sort`.
fn go_sort<F: FnMut(usize, usize) -> bool>(data: &mut Perm<F>) {
    let n = data.len();
    if n <= 1 {
        return;
    }
    let limit = bits_len(n);
    pdqsort(data, 0, n, limit);
}

/// `bits.Len`.
fn bits_len(n: usize) -> usize {
    (usize::BITS - n.leading_zeros()) as usize
}

fn insertion_sort<F: FnMut(usize, usize) -> bool>(data: &mut Perm<F>, a: usize, b: usize) {
    for i in a + 1..b {
        let mut j = i;
        while j > a && data.less(j, j - 1) {
            data.swap(j, j - 1);
            j -= 1;
        }
    }
}

fn sift_down<F: FnMut(usize, usize) -> bool>(data: &mut Perm<F>, lo: usize, hi: usize, first: usize) {
    let mut root = lo;
    loop {
        let mut child = 2 * root + 1;
        if child >= hi {
            return;
        }
        if child + 1 < hi && data.less(first + child, first + child + 1) {
            child += 1;
        }
        if !data.less(first + root, first + child) {
            return;
        }
        data.swap(first + root, first + child);
        root = child;
    }
}

fn heap_sort<F: FnMut(usize, usize) -> bool>(data: &mut Perm<F>, a: usize, b: usize) {
    let first = a;
    let hi = b - a;
    if hi == 0 {
        return;
    }
    for i in (0..=(hi - 1) / 2).rev() {
        sift_down(data, i, hi, first);
    }
    for i in (0..hi).rev() {
        data.swap(first, first + i);
        sift_down(data, 0, i, first);
    }
}

fn pdqsort<F: FnMut(usize, usize) -> bool>(data: &mut Perm<F>, mut a: usize, mut b: usize, mut limit: usize) {
    const MAX_INSERTION: usize = 12;
    let mut was_balanced = true;
    let mut was_partitioned = true;
    loop {
        let length = b - a;
        if length <= MAX_INSERTION {
            insertion_sort(data, a, b);
            return;
        }
        if limit == 0 {
            heap_sort(data, a, b);
            return;
        }
        if !was_balanced {
            break_patterns(data, a, b);
            limit -= 1;
        }
        let (mut pivot, mut hint) = choose_pivot(data, a, b);
        if hint == Hint::Decreasing {
            reverse_range(data, a, b);
            pivot = (b - 1) - (pivot - a);
            hint = Hint::Increasing;
        }
        if was_balanced && was_partitioned && hint == Hint::Increasing && partial_insertion_sort(data, a, b) {
            return;
        }
        if a > 0 && !data.less(a - 1, pivot) {
            a = partition_equal(data, a, b, pivot);
            continue;
        }
        let (mid, already) = partition(data, a, b, pivot);
        was_partitioned = already;
        let (left_len, right_len) = (mid - a, b - mid);
        let balance_threshold = length / 8;
        if left_len < right_len {
            was_balanced = left_len >= balance_threshold;
            pdqsort(data, a, mid, limit);
            a = mid + 1;
        } else {
            was_balanced = right_len >= balance_threshold;
            pdqsort(data, mid + 1, b, limit);
            b = mid;
        }
    }
}

fn partition<F: FnMut(usize, usize) -> bool>(data: &mut Perm<F>, a: usize, b: usize, pivot: usize) -> (usize, bool) {
    data.swap(a, pivot);
    let (mut i, mut j) = (a as isize + 1, b as isize - 1);
    while i <= j && data.less(i as usize, a) {
        i += 1;
    }
    while i <= j && !data.less(j as usize, a) {
        j -= 1;
    }
    if i > j {
        data.swap(j as usize, a);
        return (j as usize, true);
    }
    data.swap(i as usize, j as usize);
    i += 1;
    j -= 1;
    loop {
        while i <= j && data.less(i as usize, a) {
            i += 1;
        }
        while i <= j && !data.less(j as usize, a) {
            j -= 1;
        }
        if i > j {
            break;
        }
        data.swap(i as usize, j as usize);
        i += 1;
        j -= 1;
    }
    data.swap(j as usize, a);
    (j as usize, false)
}

fn partition_equal<F: FnMut(usize, usize) -> bool>(data: &mut Perm<F>, a: usize, b: usize, pivot: usize) -> usize {
    data.swap(a, pivot);
    let (mut i, mut j) = (a as isize + 1, b as isize - 1);
    loop {
        while i <= j && !data.less(a, i as usize) {
            i += 1;
        }
        while i <= j && data.less(a, j as usize) {
            j -= 1;
        }
        if i > j {
            break;
        }
        data.swap(i as usize, j as usize);
        i += 1;
        j -= 1;
    }
    i as usize
}

fn partial_insertion_sort<F: FnMut(usize, usize) -> bool>(data: &mut Perm<F>, a: usize, b: usize) -> bool {
    const MAX_STEPS: usize = 5;
    const SHORTEST_SHIFTING: usize = 50;
    let mut i = a + 1;
    for _ in 0..MAX_STEPS {
        while i < b && !data.less(i, i - 1) {
            i += 1;
        }
        if i == b {
            return true;
        }
        if b - a < SHORTEST_SHIFTING {
            return false;
        }
        data.swap(i, i - 1);
        // Shift the smaller one to the left (Go's loop runs down to index 1, not a + 1).
        if i - a >= 2 {
            let mut j = i - 1;
            while j >= 1 {
                if !data.less(j, j - 1) {
                    break;
                }
                data.swap(j, j - 1);
                j -= 1;
            }
        }
        // Shift the greater one to the right.
        if b - i >= 2 {
            for j in i + 1..b {
                if !data.less(j, j - 1) {
                    break;
                }
                data.swap(j, j - 1);
            }
        }
    }
    false
}

fn break_patterns<F: FnMut(usize, usize) -> bool>(data: &mut Perm<F>, a: usize, b: usize) {
    let length = b - a;
    if length >= 8 {
        // xorshift(length) with Go 1.22's shifts (13, 17, 5); Go 1.24 moved to (13, 7, 17)
        // (golang/go#70144), kubectl 1.31 is built with Go 1.22.
        let mut random = length as u64;
        let modulus = 1usize << bits_len(length); // nextPowerOfTwo
        let mid = a + (length / 4) * 2;
        for idx in mid - 1..=mid + 1 {
            random ^= random << 13;
            random ^= random >> 17;
            random ^= random << 5;
            let mut other = (random as usize) & (modulus - 1);
            if other >= length {
                other -= length;
            }
            data.swap(idx, a + other);
        }
    }
}

fn choose_pivot<F: FnMut(usize, usize) -> bool>(data: &mut Perm<F>, a: usize, b: usize) -> (usize, Hint) {
    const SHORTEST_NINTHER: usize = 50;
    const MAX_SWAPS: usize = 4 * 3;
    let l = b - a;
    let mut swaps = 0;
    let mut i = a + l / 4;
    let mut j = a + l / 4 * 2;
    let mut k = a + l / 4 * 3;
    if l >= 8 {
        if l >= SHORTEST_NINTHER {
            i = median_adjacent(data, i, &mut swaps);
            j = median_adjacent(data, j, &mut swaps);
            k = median_adjacent(data, k, &mut swaps);
        }
        j = median(data, i, j, k, &mut swaps);
    }
    match swaps {
        0 => (j, Hint::Increasing),
        MAX_SWAPS => (j, Hint::Decreasing),
        _ => (j, Hint::Unknown),
    }
}

fn order2<F: FnMut(usize, usize) -> bool>(data: &mut Perm<F>, a: usize, b: usize, swaps: &mut usize) -> (usize, usize) {
    if data.less(b, a) {
        *swaps += 1;
        return (b, a);
    }
    (a, b)
}

fn median<F: FnMut(usize, usize) -> bool>(
    data: &mut Perm<F>,
    a: usize,
    b: usize,
    c: usize,
    swaps: &mut usize,
) -> usize {
    let (a, b) = order2(data, a, b, swaps);
    let (b, _c) = order2(data, b, c, swaps);
    let (_a, b) = order2(data, a, b, swaps);
    b
}

fn median_adjacent<F: FnMut(usize, usize) -> bool>(data: &mut Perm<F>, a: usize, swaps: &mut usize) -> usize {
    median(data, a - 1, a, a + 1, swaps)
}

fn reverse_range<F: FnMut(usize, usize) -> bool>(data: &mut Perm<F>, a: usize, b: usize) {
    let (mut i, mut j) = (a, b - 1);
    while i < j {
        data.swap(i, j);
        i += 1;
        j -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(name: &str, created: &str, restarts: Option<i64>, cpu: &str) -> Value {
        let mut p = json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": "default", "creationTimestamp": created},
            "spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": cpu}}}]},
            "status": {"phase": "Running"}
        });
        if let Some(r) = restarts {
            p["status"]["containerStatuses"] = json!([{"name": "c", "restartCount": r}]);
        }
        p
    }

    fn names(v: &[Value]) -> Vec<&str> {
        v.iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap_or("?"))
            .collect()
    }

    fn fixture() -> Vec<Value> {
        vec![
            pod("web-10", "2024-05-01T10:00:00Z", Some(3), "250m"),
            pod("web-9", "2024-04-30T09:00:00Z", Some(0), "1"),
            pod("db-0", "2024-05-02T08:30:00Z", None, "2"),
            pod("api-2", "2024-05-01T09:59:59Z", Some(12), "100m"),
        ]
    }

    #[test]
    fn by_name_naturally() {
        let mut v = fixture();
        sort_by(&mut v, ".metadata.name").unwrap();
        assert_eq!(names(&v), ["api-2", "db-0", "web-9", "web-10"]);
        let mut v = fixture();
        sort_objects(&mut v, "{.metadata.name}").unwrap();
        assert_eq!(names(&v), ["api-2", "db-0", "web-9", "web-10"]);
        let mut v = fixture();
        sort_by(&mut v, "metadata.name").unwrap();
        assert_eq!(names(&v), ["api-2", "db-0", "web-9", "web-10"]);
    }

    #[test]
    fn by_timestamp_number_and_quantity() {
        let mut v = fixture();
        sort_by(&mut v, ".metadata.creationTimestamp").unwrap();
        assert_eq!(names(&v), ["web-9", "api-2", "web-10", "db-0"]);
        // db-0 has no containerStatuses: it sorts first
        let mut v = fixture();
        sort_by(&mut v, ".status.containerStatuses[0].restartCount").unwrap();
        assert_eq!(names(&v), ["db-0", "web-9", "web-10", "api-2"]);
        let mut v = fixture();
        sort_by(&mut v, ".spec.containers[0].resources.requests.cpu").unwrap();
        assert_eq!(names(&v), ["api-2", "web-10", "web-9", "db-0"]);
    }

    #[test]
    fn missing_values_come_first_in_reverse_like_go_insertion_sort() {
        let mut v = vec![
            json!({"metadata": {"name": "m1"}}),
            json!({"metadata": {"name": "x"}, "v": 2}),
            json!({"metadata": {"name": "m2"}}),
            json!({"metadata": {"name": "y"}, "v": 1}),
            json!({"metadata": {"name": "m3"}}),
        ];
        sort_by(&mut v, ".v").unwrap();
        assert_eq!(names(&v), ["m3", "m2", "m1", "y", "x"]);
    }

    #[test]
    fn equal_keys_follow_go_pdqsort() {
        // More than 12 items go through pdqsort. Worked out by hand from Go's algorithm: over
        // equal keys choosePivot makes no swaps (an "increasing" hint), so partialInsertionSort
        // runs first, finds no inversion and leaves the order as it was.
        let mut v: Vec<Value> = (0..20)
            .map(|i| json!({"metadata": {"name": format!("p{i:02}")}, "k": "same"}))
            .collect();
        sort_by(&mut v, ".k").unwrap();
        let expected: Vec<String> = (0..20).map(|i| format!("p{i:02}")).collect();
        assert_eq!(names(&v), expected);
    }

    #[test]
    fn one_row_and_empty_lists() {
        let mut v = vec![json!({"a": 1})];
        // a single table row is never sorted, so the field is not checked
        sort_by(&mut v, ".nope").unwrap();
        assert_eq!(
            sort_objects(&mut v, ".nope").unwrap_err(),
            "couldn't find any field with path \"{.nope}\" in the list of objects"
        );
        let mut empty: Vec<Value> = Vec::new();
        sort_by(&mut empty, "{{{").unwrap();
        sort_objects(&mut empty, "{{{").unwrap();
    }

    #[test]
    fn errors() {
        let mut v = fixture();
        assert_eq!(
            sort_by(&mut v, ".metadata.nope").unwrap_err(),
            "couldn't find any field with path \"{.metadata.nope}\" in the list of objects"
        );
        assert_eq!(
            sort_by(&mut v, "{.a}{.b").unwrap_err(),
            "sorting error: unclosed action"
        );
        assert_eq!(
            sort_objects(&mut v, "{.a}{.b}").unwrap_err(),
            "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
        );
        assert_eq!(sort_objects(&mut v, ".a[").unwrap_err(), "unterminated array");
        assert_eq!(
            sort_by(&mut v, ".spec.containers[3].name").unwrap_err(),
            "Failed to get values for [][]reflect.Value(nil) using {.spec.containers[3].name} (&errors.errorString{s:\"array index out of bounds: index 3, length 1\"})"
        );
        assert_eq!(
            sort_objects(&mut v, ".spec.containers[3].name").unwrap_err(),
            "array index out of bounds: index 3, length 1"
        );
        assert_eq!(
            sort_by(&mut v, ".metadata").unwrap_err(),
            "Field {.metadata} in [][][]reflect.Value is an unsortable type: interface, err: unsortable type: map[string]interface {}"
        );
        let mut b = vec![json!({"ok": true}), json!({"ok": false})];
        assert_eq!(
            sort_objects(&mut b, ".ok").unwrap_err(),
            "Field {.ok} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: bool"
        );
        let mut mixed = vec![json!({"v": "a"}), json!({"v": 1})];
        assert_eq!(
            sort_by(&mut mixed, ".v").unwrap_err(),
            "Field {.v} in [][][]reflect.Value is an unsortable type: interface, err: unsortable interface: interface"
        );
        // a failure discovered while sorting (after the first object with the field)
        let mut late = vec![json!({"a": [1]}), json!({"a": "x"})];
        assert_eq!(
            sort_objects(&mut late, ".a[0]").unwrap_err(),
            "Failed to get i values for &unstructured.Unstructured{Object:map[string]interface {}{\"a\":\"x\"}} using {.a[0]} (&errors.errorString{s:\"string is not array or slice\"})"
        );
        // nothing moved on error
        assert_eq!(late[0], json!({"a": [1]}));
    }

    #[test]
    fn nulls_floats_and_natural_order() {
        let mut v = vec![
            json!({"v": 2.5, "n": "a"}),
            json!({"v": null, "n": "b"}),
            json!({"v": 0.5, "n": "c"}),
        ];
        sort_by(&mut v, ".v").unwrap();
        let order: Vec<&str> = v.iter().map(|o| o["n"].as_str().unwrap_or("?")).collect();
        assert_eq!(order, ["b", "c", "a"]);
        assert!(natural_less("a2", "a10"));
        assert!(natural_less("a2", "a02"));
        assert!(!natural_less("a02", "a2"));
        assert!(natural_less("1abc", "abc"));
        assert!(natural_less("abc", "abcd"));
        assert!(!natural_less("abc", "abc"));
        assert!(natural_less("2024-04-30T09:00:00Z", "2024-05-01T09:59:59Z"));
    }

    /// Orders produced by Go's own `sort.Sort` (go1.19's pdqsort, the same code as go1.22's)
    /// with kubectl's `Less` (a key of -1 is a missing field, which is "less" than anything,
    /// even another missing one).
    #[test]
    fn matches_go_sort_sort() {
        let cases: [(&[i64], &[usize]); 4] = [
            (
                &[0, -1, -1, 1, -1, 0, 1, 1, 0, 0, 0, 1, -1, -1, 0, 0, 1, 1, -1, 1],
                &[13, 4, 18, 2, 1, 12, 10, 5, 8, 9, 0, 15, 14, 7, 6, 11, 16, 17, 3, 19],
            ),
            (
                &[
                    2, 16, 23, 16, 15, 8, 17, 1, 31, 22, 26, 14, 18, 6, 4, 6, 30, 31, 19, 21, 13, 1, 2, 2, 12, 11, 20,
                    24, 28, 24, 14, 6, 18,
                ],
                &[
                    21, 7, 23, 0, 22, 14, 15, 31, 13, 5, 25, 24, 20, 11, 30, 4, 1, 3, 6, 32, 12, 18, 26, 19, 9, 2, 27,
                    29, 10, 28, 16, 17, 8,
                ],
            ),
            (
                &[
                    0, 0, 0, 1, 1, 1, -1, 0, -1, 1, 0, -1, 0, -1, 0, 1, 1, 0, 0, 0, 0, -1, -1, 1, 0, 0, 1, 0, -1, 1, 0,
                    -1, 1, 1, 0, 0, 1, 1, -1, -1, -1, 1, 1, 0, -1, -1, 0, -1, 0, 0, 1,
                ],
                &[
                    11, 28, 31, 8, 38, 13, 39, 40, 44, 45, 47, 22, 21, 6, 25, 0, 49, 17, 18, 19, 20, 14, 12, 48, 24,
                    35, 1, 27, 10, 46, 30, 2, 43, 7, 34, 33, 36, 37, 15, 5, 4, 41, 42, 32, 3, 9, 29, 26, 23, 16, 50,
                ],
            ),
            (
                &[
                    64, 63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40,
                    39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15,
                    14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
                ],
                &[
                    63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39,
                    38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14,
                    13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
                ],
            ),
        ];
        for (keys, want) in cases {
            // through the public API: objects with and without the field
            let mut objs: Vec<Value> = keys
                .iter()
                .enumerate()
                .map(|(i, &k)| {
                    if k < 0 {
                        json!({"i": i})
                    } else {
                        json!({"i": i, "k": k})
                    }
                })
                .collect();
            sort_by(&mut objs, ".k").unwrap();
            let got: Vec<usize> = objs.iter().map(|o| o["i"].as_u64().unwrap_or(999) as usize).collect();
            assert_eq!(got, want, "keys {keys:?}");
        }
    }

    /// A permutation sorted with a Go-like `sort.Sort` must be a permutation, whatever `less`.
    #[test]
    fn pdqsort_is_total_and_safe_with_any_comparator() {
        let mut x: u64 = 88_172_645_463_325_252;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for n in [0usize, 1, 2, 5, 12, 13, 20, 49, 50, 51, 64, 100, 257, 1000] {
            // consistent comparator: sorts
            let keys: Vec<u64> = (0..n).map(|_| next() % 17).collect();
            let mut data = Perm {
                order: (0..n).collect(),
                less: |a: usize, b: usize| keys[a] < keys[b],
            };
            go_sort(&mut data);
            let sorted: Vec<u64> = data.order.iter().map(|&i| keys[i]).collect();
            assert!(sorted.windows(2).all(|w| w[0] <= w[1]), "n={n}");
            // random comparator: still a permutation, no panic
            let mut rnd = next();
            let mut data = Perm {
                order: (0..n).collect(),
                less: |_: usize, _: usize| {
                    rnd ^= rnd << 13;
                    rnd ^= rnd >> 7;
                    rnd ^= rnd << 17;
                    rnd % 3 == 0
                },
            };
            go_sort(&mut data);
            let mut seen = data.order.clone();
            seen.sort_unstable();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
            // descending input and all-missing-style comparator (always true)
            let mut data = Perm {
                order: (0..n).collect(),
                less: |_: usize, _: usize| true,
            };
            go_sort(&mut data);
            let mut seen = data.order.clone();
            seen.sort_unstable();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn garbage_fields_never_panic() {
        let fields = [
            ".metadata.name",
            "{.status.containerStatuses[0].restartCount}",
            ".spec.containers[*].resources.requests.cpu",
            "{..name}",
        ];
        for f in fields {
            for (i, _) in f.char_indices() {
                for cut in [&f[..i], &f[i..]] {
                    let _ = sort_by(&mut fixture(), cut);
                    let _ = sort_objects(&mut fixture(), cut);
                }
            }
        }
    }
}
