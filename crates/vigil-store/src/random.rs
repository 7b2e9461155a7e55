//! Random bytes for nonces, ids and secrets.
//!
//! They come from a generator kept by each thread (`rand`'s `ThreadRng`: a
//! ChaCha cipher seeded from the operating system and reseeded from it
//! every 64 KiB), which is cryptographically secure, rather than from a
//! system call each. A signature needs four: its id, its link's secret
//! and the nonces of its two sealed parts. Under a signing flood those
//! system calls were 6 % of the server's work. Keys are still made from the
//! operating system directly (`SealKey::generate`).

use rand::RngCore as _;

/// Fills `bytes` with random bytes.
pub fn fill(bytes: &mut [u8]) {
    rand::thread_rng().fill_bytes(bytes);
}

/// 32 random hex digits (16 bytes).
pub fn hex() -> String {
    let mut b = [0u8; 16];
    fill(&mut b);
    crate::hex(&b)
}

/// The generator itself, for APIs that take one (an AEAD's nonce).
pub fn generator() -> rand::rngs::ThreadRng {
    rand::thread_rng()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two draws differ, and a draw is not all zeros (a generator that
    /// failed silently would give zeros).
    #[test]
    fn draws_differ_and_are_not_zeros() {
        let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
        fill(&mut a);
        fill(&mut b);
        assert_ne!(a, b);
        assert_ne!(a, [0u8; 32]);
    }

    /// Each thread has its own generator: draws on two threads differ too.
    #[test]
    fn threads_draw_their_own() {
        let other = std::thread::spawn(|| {
            let mut b = [0u8; 32];
            fill(&mut b);
            b
        })
        .join()
        .unwrap_or_default();
        let mut mine = [0u8; 32];
        fill(&mut mine);
        assert_ne!(mine, other);
    }
}
