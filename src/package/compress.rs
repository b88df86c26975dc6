//! Compressing one entry, on a worker thread: deflate what shrinks, store what does not
//! (known compressed formats by extension, and data a quick probe finds incompressible).
//! Memory per entry is bounded: large outputs spill to a temporary file.

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, Read, Seek, Write};

use flate2::write::DeflateEncoder;
use flate2::{Compress, Compression, Crc, FlushCompress, Status};
use tempfile::SpooledTempFile;

use super::walk::{Entry, Kind};
use super::zipwrite::Method;
use super::PackageError;

/// Bytes looked at before deciding whether a large file is worth deflating.
const PROBE_BYTES: usize = 64 * 1024;
/// Compressed output kept in memory per entry before spilling to disk.
const SPOOL_BYTES: usize = 2 * 1024 * 1024;
const LEVEL: u32 = 6;

/// Formats that are compressed already: deflating them costs time and saves nothing.
const STORED_EXTENSIONS: &[&str] = &[
    "zip", "jar", "war", "ear", "whl", "egg", "gz", "tgz", "bz2", "xz", "zst", "lz4", "7z", "rar",
    "br", "jpg", "jpeg", "png", "gif", "webp", "avif", "heic", "ico", "mp3", "mp4", "m4a", "m4v",
    "aac", "ogg", "opus", "flac", "webm", "mkv", "mov", "avi", "woff", "woff2", "pdf", "docx",
    "xlsx", "pptx", "apk", "pyc",
];

/// The entry's bytes as they go into the archive.
pub enum Data {
    Memory(Vec<u8>),
    Spooled(SpooledTempFile),
    /// Stored data copied from the source file when written (checked against `crc32`).
    Source,
}

pub struct Compressed {
    pub method: Method,
    pub crc32: u32,
    pub uncompressed: u64,
    pub compressed: u64,
    pub data: Data,
}

pub fn compress(entry: &Entry) -> Result<Compressed, PackageError> {
    match &entry.kind {
        Kind::Dir => Ok(in_memory(Method::Stored, 0, 0, Vec::new())),
        Kind::Symlink { target } => {
            let bytes = target.as_bytes().to_vec();
            Ok(in_memory(
                Method::Stored,
                crc32(&bytes),
                bytes.len() as u64,
                bytes,
            ))
        }
        // Zip32 sizes; also keeps the CRC byte count (a u32) exact.
        Kind::File { size } if *size >= u64::from(u32::MAX) => Err(PackageError::FileTooLarge {
            path: entry.path.clone(),
        }),
        Kind::File { .. } => compress_file(entry).map_err(PackageError::read(&entry.path)),
    }
}

fn in_memory(method: Method, crc32: u32, uncompressed: u64, data: Vec<u8>) -> Compressed {
    Compressed {
        method,
        crc32,
        uncompressed,
        compressed: data.len() as u64,
        data: Data::Memory(data),
    }
}

fn compress_file(entry: &Entry) -> io::Result<Compressed> {
    let mut file = File::open(&entry.path)?;
    let mut head = vec![0; PROBE_BYTES];
    let head_len = read_full(&mut file, &mut head)?;
    head.truncate(head_len);
    if is_stored_by_name(&entry.name) {
        return stored_from_source(head, file);
    }
    if head_len < PROBE_BYTES {
        let deflated = deflate(&head, LEVEL)?;
        let crc = crc32(&head);
        let len = head.len() as u64;
        return Ok(if deflated.len() < head.len() {
            Compressed {
                compressed: deflated.len() as u64,
                ..in_memory(Method::Deflated, crc, len, deflated)
            }
        } else {
            in_memory(Method::Stored, crc, len, head)
        });
    }
    // A fast low-level probe: random or already-compressed data barely shrinks.
    let probe = deflate(&head, 1)?;
    if probe.len() * 100 > head.len() * 97 {
        return stored_from_source(head, file);
    }
    deflate_stream(head, file)
}

fn stored_from_source(head: Vec<u8>, mut file: File) -> io::Result<Compressed> {
    let mut crc = Crc::new();
    crc.update(&head);
    io::copy(&mut file, &mut CrcSink(&mut crc))?;
    Ok(Compressed {
        method: Method::Stored,
        crc32: crc.sum(),
        uncompressed: crc.amount() as u64,
        compressed: crc.amount() as u64,
        data: Data::Source,
    })
}

fn deflate_stream(head: Vec<u8>, mut file: File) -> io::Result<Compressed> {
    let mut crc = Crc::new();
    let mut encoder =
        DeflateEncoder::new(SpooledTempFile::new(SPOOL_BYTES), Compression::new(LEVEL));
    crc.update(&head);
    encoder.write_all(&head)?;
    let mut buf = head;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        crc.update(&buf[..n]);
        encoder.write_all(&buf[..n])?;
    }
    let mut spool = encoder.finish()?;
    let compressed = spool.stream_position()?;
    spool.rewind()?;
    let uncompressed = u64::from(crc.amount());
    if compressed >= uncompressed {
        // Rare after the probe; the source is read again when the entry is written.
        return Ok(Compressed {
            method: Method::Stored,
            crc32: crc.sum(),
            uncompressed,
            compressed: uncompressed,
            data: Data::Source,
        });
    }
    Ok(Compressed {
        method: Method::Deflated,
        crc32: crc.sum(),
        uncompressed,
        compressed,
        data: Data::Spooled(spool),
    })
}

thread_local! {
    /// Each worker thread keeps one compressor per level and resets it between entries:
    /// setting one up allocates and zeroes some hundred kilobytes, which costs more than
    /// deflating a typical small source file.
    static COMPRESSORS: RefCell<Vec<(u32, Compress)>> = const { RefCell::new(Vec::new()) };
}

/// Raw deflate of `bytes` in one go (entries under the probe size, and the probe itself).
fn deflate(bytes: &[u8], level: u32) -> io::Result<Vec<u8>> {
    COMPRESSORS.with_borrow_mut(|compressors| {
        let at = match compressors.iter().position(|(l, _)| *l == level) {
            Some(at) => at,
            None => {
                compressors.push((level, Compress::new(Compression::new(level), false)));
                compressors.len() - 1
            }
        };
        let compress = &mut compressors[at].1;
        compress.reset();
        let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
        loop {
            let consumed = compress.total_in() as usize;
            let status = compress
                .compress_vec(&bytes[consumed..], &mut out, FlushCompress::Finish)
                .map_err(io::Error::other)?;
            if status == Status::StreamEnd {
                return Ok(out);
            }
            out.reserve(out.capacity().max(4096));
        }
    })
}

pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = Crc::new();
    crc.update(bytes);
    crc.sum()
}

/// True when `name` is kept as is in the archive; cheap enough to estimate sizes early.
pub fn is_stored_by_name(name: &str) -> bool {
    let Some((_, ext)) = name.rsplit_once('.') else {
        return false;
    };
    STORED_EXTENSIONS
        .iter()
        .any(|known| known.eq_ignore_ascii_case(ext))
}

fn read_full(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Feeds a CRC-32 from `io::copy`.
struct CrcSink<'a>(&'a mut Crc);

impl Write for CrcSink<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_formats_are_stored_by_extension() {
        assert!(is_stored_by_name("img/logo.PNG"));
        assert!(is_stored_by_name("lib/dep.jar"));
        assert!(!is_stored_by_name("index.js"));
        assert!(!is_stored_by_name("Makefile"));
    }

    fn inflate(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn a_reused_compressor_gives_each_entry_its_own_complete_stream() {
        let text: Vec<u8> = (0..20_000u32)
            .flat_map(|i| format!("line {} of a source file\n", i % 97).into_bytes())
            .collect();
        let noise: Vec<u8> = (0..50_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for (level, input) in [(6, &text), (1, &noise), (6, &noise), (6, &text)] {
            let first = deflate(input, level).unwrap();
            assert_eq!(inflate(&first), *input);
            assert_eq!(
                deflate(input, level).unwrap(),
                first,
                "deterministic after reset"
            );
        }
        assert!(deflate(&text, 6).unwrap().len() < text.len() / 10);
        assert_eq!(inflate(&deflate(b"", 6).unwrap()), b"");
    }
}
