//! CryptoJS `AES.decrypt(value, passphrase)`: OpenSSL's passphrase format, base64 of
//! `Salted__` + 8-byte salt + AES-256-CBC ciphertext (PKCS#7), with key and IV from
//! `EVP_BytesToKey` (MD5, one iteration). Serverless Devs obfuscates `access.yaml` this way.

use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, KeyIvInit};
use base64::Engine as _;
use md5::{Digest, Md5};

/// The fixed passphrase Serverless Devs encrypts `access.yaml` with.
pub const ACCESS_PASSPHRASE: &str = "SecretKey123";

/// The plaintext, or `None` when `value` is not a ciphertext for `passphrase`.
pub fn decrypt(value: &str, passphrase: &str) -> Option<String> {
    let raw = base64::engine::general_purpose::STANDARD
        .decode(value.trim())
        .ok()?;
    let rest = raw.strip_prefix(b"Salted__")?;
    if rest.len() < 8 + 16 {
        return None;
    }
    let (salt, ciphertext) = rest.split_at(8);
    let (key, iv) = evp_bytes_to_key(passphrase.as_bytes(), salt);
    let plain = cbc::Decryptor::<aes::Aes256>::new(&key.into(), &iv.into())
        .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
        .ok()?;
    String::from_utf8(plain).ok()
}

/// OpenSSL's `EVP_BytesToKey` with MD5 and one round: 32 key bytes, then 16 IV bytes.
fn evp_bytes_to_key(passphrase: &[u8], salt: &[u8]) -> ([u8; 32], [u8; 16]) {
    let mut out = Vec::with_capacity(48);
    let mut previous: Vec<u8> = Vec::new();
    while out.len() < 48 {
        let mut md5 = Md5::new();
        md5.update(&previous);
        md5.update(passphrase);
        md5.update(salt);
        previous = md5.finalize().to_vec();
        out.extend_from_slice(&previous);
    }
    let mut key = [0u8; 32];
    let mut iv = [0u8; 16];
    key.copy_from_slice(&out[..32]);
    iv.copy_from_slice(&out[32..48]);
    (key, iv)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Made with `printf %s VALUE | openssl enc -aes-256-cbc -md md5 -pass pass:SecretKey123 -a`,
    // which is the format CryptoJS writes.
    #[test]
    fn decrypts_what_openssl_and_cryptojs_write() {
        let cases = [
            ("U2FsdGVkX1/XHvms+YbC/JINyWhtUHVjLuWK0Fp0tn4=", "hello"),
            (
                "U2FsdGVkX1/jtNIBvq4ohXnsjdt7eQ/5Nz4/z1v2TLk=",
                "LTAIexample",
            ),
            (
                "U2FsdGVkX1/5gzfwQ2n6DVuR6ukZde2KTZ8jk8Dh6XWZkiVC4YOSYw9BAnJ4PB5R",
                "Alibaba Cloud (alibaba)",
            ),
        ];
        for (cipher, plain) in cases {
            assert_eq!(decrypt(cipher, ACCESS_PASSPHRASE).as_deref(), Some(plain));
        }
    }

    #[test]
    fn plaintext_and_wrong_passphrases_are_not_decrypted() {
        assert_eq!(decrypt("LTAIplain", ACCESS_PASSPHRASE), None);
        assert_eq!(
            decrypt("U2FsdGVkX1/XHvms+YbC/JINyWhtUHVjLuWK0Fp0tn4=", "other"),
            None
        );
    }
}
