//! Numbers as text (docs/search.md, "Numbers"): base 32, most significant digit
//! first, every digit but the last from one alphabet and the last from another, so
//! a list needs no separators and a number below 32 is one character. Text, not
//! bytes, so shards are readable, compress well and need no binary decoding in the
//! browser.

/// Digits that end a number (values 0–31).
pub const LAST: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";
/// Digits that continue one.
pub const MORE: &[u8; 32] = b"ghijklmnopqrstuvwxyz0123456789-_";

/// The 64 digits of a bitmap, each holding six bits: continuing digits first.
pub fn bitmap_digit(bits: u8) -> char {
    let bits = usize::from(bits & 63);
    if bits < 32 {
        MORE[bits] as char
    } else {
        LAST[bits - 32] as char
    }
}

/// Appends the set of `ids` (ascending, each below `n`) as a bitmap: digit `k` holds
/// ids `6k..6k + 5`, bit `j` (value `1 << j`) for id `6k + j`.
pub fn push_bitmap(out: &mut String, ids: &[u32], n: usize) {
    let mut digits = vec![0u8; n.div_ceil(6)];
    for &id in ids {
        digits[id as usize / 6] |= 1 << (id % 6);
    }
    out.extend(digits.into_iter().map(bitmap_digit));
}

/// Appends `n`.
pub fn push(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 7];
    let mut len = 0;
    loop {
        digits[len] = (n % 32) as u8;
        len += 1;
        n /= 32;
        if n == 0 {
            break;
        }
    }
    for (k, &d) in digits[..len].iter().enumerate().rev() {
        let alphabet = if k == 0 { LAST } else { MORE };
        out.push(alphabet[d as usize] as char);
    }
}

/// Appends ascending doc ids as gaps (from `prev = -1`, each is `prev + 1 + gap`),
/// calling `each` after each id so a caller can write something beside it.
pub fn push_ids(
    out: &mut String,
    ids: impl IntoIterator<Item = u32>,
    mut each: impl FnMut(&mut String, usize),
) {
    let mut next = 0u32;
    for (k, id) in ids.into_iter().enumerate() {
        debug_assert!(id >= next, "doc ids must ascend: {id} after {}", next - 1);
        push(out, id - next);
        next = id + 1;
        each(out, k);
    }
}

/// The numbers of a list, for tests.
#[cfg(test)]
pub fn decode(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut n = 0u32;
    for b in text.bytes() {
        if let Some(d) = MORE.iter().position(|&m| m == b) {
            n = n * 32 + d as u32;
        } else {
            let d = LAST.iter().position(|&l| l == b).expect("a digit");
            out.push(n * 32 + d as u32);
            n = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(n: u32) -> String {
        let mut s = String::new();
        push(&mut s, n);
        s
    }

    #[test]
    fn numbers_match_the_documented_examples() {
        assert_eq!(one(0), "A");
        assert_eq!(one(31), "f");
        assert_eq!(one(32), "hA");
        assert_eq!(one(1000), "_I");
    }

    #[test]
    fn lists_round_trip_without_separators() {
        let numbers = [0, 1, 31, 32, 33, 1023, 1024, 99_999, u32::MAX];
        let mut s = String::new();
        for n in numbers {
            push(&mut s, n);
        }
        assert_eq!(decode(&s), numbers);
    }

    #[test]
    fn bitmaps_hold_six_ids_a_digit() {
        let mut s = String::new();
        push_bitmap(&mut s, &[0, 5, 6, 13], 14);
        // 0b100001 = 33 → "B"; 0b000001 = 1 → "h"; 0b000010 = 2 → "i".
        assert_eq!(s, "Bhi");
    }

    #[test]
    fn ids_are_written_as_gaps() {
        let mut s = String::new();
        push_ids(&mut s, [0, 1, 5, 40], |_, _| {});
        assert_eq!(decode(&s), [0, 0, 3, 34]);
    }
}
