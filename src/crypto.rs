//! Personal data at rest: passport numbers are sealed with XChaCha20-Poly1305 and looked up by
//! HMAC-SHA256, each under its own key derived from the configured data key.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

const NONCE_LEN: usize = 24;

#[derive(Clone)]
pub struct DataCipher {
    sealing_key: [u8; 32],
    lookup_key: [u8; 32],
    audit_key: [u8; 32],
}

fn derive(master: &[u8], label: &[u8]) -> anyhow::Result<[u8; 32]> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master)
        .map_err(|e| anyhow::anyhow!("bad key: {e}"))?;
    mac.update(label);
    Ok(mac.finalize().into_bytes().into())
}

impl DataCipher {
    pub fn new(data_key: &SecretString) -> anyhow::Result<Self> {
        let master = STANDARD
            .decode(data_key.expose_secret().trim())
            .map_err(|_| anyhow::anyhow!("crypto.data_key must be base64"))?;
        if master.len() != 32 {
            anyhow::bail!(
                "crypto.data_key must decode to 32 bytes, got {}",
                master.len()
            );
        }
        Ok(Self {
            sealing_key: derive(&master, b"orgnabor/passport/seal/v1")?,
            lookup_key: derive(&master, b"orgnabor/passport/lookup/v1")?,
            audit_key: derive(&master, b"orgnabor/audit/fingerprint/v1")?,
        })
    }

    pub fn seal(&self, plaintext: &str) -> anyhow::Result<Vec<u8>> {
        let cipher = XChaCha20Poly1305::new((&self.sealing_key).into());
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = cipher
            .encrypt(XNonce::from_slice(&nonce), plaintext.as_bytes())
            .map_err(|_| anyhow::anyhow!("encryption failed"))?;
        Ok([nonce.as_slice(), sealed.as_slice()].concat())
    }

    pub fn open(&self, sealed: &[u8]) -> anyhow::Result<String> {
        if sealed.len() <= NONCE_LEN {
            anyhow::bail!("sealed value too short");
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let cipher = XChaCha20Poly1305::new((&self.sealing_key).into());
        let plain = cipher
            .decrypt(XNonce::from_slice(nonce), body)
            .map_err(|_| anyhow::anyhow!("decryption failed"))?;
        Ok(String::from_utf8(plain)?)
    }

    /// Stable keyed hash of the normalised value, for uniqueness and exact lookup.
    pub fn lookup_hash(&self, value: &str) -> Vec<u8> {
        let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(&self.lookup_key) {
            Ok(mac) => mac,
            // A 32-byte key is always accepted by HMAC.
            Err(_) => return Vec::new(),
        };
        mac.update(value.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}

impl DataCipher {
    /// A keyed fingerprint of one personal value for the append-only audit log: it shows that a
    /// field changed, and lets someone who holds a value confirm it, without storing the value
    /// (which could then never be erased). Field name and value are both hashed, so equal values
    /// in different fields do not look alike. 16 hex digits are plenty for comparing two values.
    pub fn audit_fingerprint(&self, field: &str, value: &str) -> String {
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(&self.audit_key) else {
            return String::new();
        };
        mac.update(field.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        mac.finalize().into_bytes()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// A passport number as stored: sealed, a lookup hash for uniqueness, and the last four signs
/// that everyone but its owner sees.
pub struct SealedPassport {
    pub ciphertext: Vec<u8>,
    pub lookup_hash: Vec<u8>,
    pub last4: String,
}

impl DataCipher {
    pub fn seal_passport(&self, raw: &str) -> anyhow::Result<SealedPassport> {
        let passport = normalise_passport(raw);
        let start = passport.len().saturating_sub(4);
        Ok(SealedPassport {
            ciphertext: self.seal(&passport)?,
            lookup_hash: self.lookup_hash(&passport),
            last4: passport[start..].to_owned(),
        })
    }
}

/// `ac 123-4567` → `AC1234567`.
pub fn normalise_passport(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// `AC1234567` → `****4567`.
pub fn mask_last4(last4: &str) -> String {
    format!("****{last4}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cipher() -> DataCipher {
        DataCipher::new(&SecretString::from(STANDARD.encode([7u8; 32]))).unwrap()
    }

    #[test]
    fn seals_and_opens_and_never_repeats_ciphertext() {
        let c = cipher();
        let a = c.seal("AC1234567").unwrap();
        let b = c.seal("AC1234567").unwrap();
        assert_ne!(a, b);
        assert_eq!(c.open(&a).unwrap(), "AC1234567");
        assert!(!a.windows(9).any(|w| w == b"AC1234567"));
        let mut tampered = a.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(c.open(&tampered).is_err());
    }

    #[test]
    fn lookup_hash_is_stable_and_keyed() {
        let c = cipher();
        assert_eq!(c.lookup_hash("AC1234567"), c.lookup_hash("AC1234567"));
        let other = DataCipher::new(&SecretString::from(STANDARD.encode([8u8; 32]))).unwrap();
        assert_ne!(c.lookup_hash("AC1234567"), other.lookup_hash("AC1234567"));
        assert_eq!(normalise_passport(" ac 123-4567 "), "AC1234567");
    }
}
