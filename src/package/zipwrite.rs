//! A minimal, deterministic zip writer: entries arrive already compressed (so compression
//! can run in parallel), every timestamp is 2023-11-01 00:00, Unix modes and symlinks are
//! recorded in the external attributes, and the CRC-64 of every byte is kept as it goes.

use std::io::{self, Write};

/// 2023-11-01 in MS-DOS date format: Serverless Devs fixes this date so identical trees
/// give identical archives.
const DOS_DATE: u16 = ((2023 - 1980) << 9) | (11 << 5) | 1;
const DOS_TIME: u16 = 0;
/// Made by Unix (3), spec 3.0: tells readers the external attributes hold a Unix mode.
const VERSION_MADE_BY: u16 = (3 << 8) | 30;
const VERSION_NEEDED: u16 = 20;
const FLAG_UTF8: u16 = 0x0800;

pub const S_IFREG: u32 = 0o100000;
pub const S_IFDIR: u32 = 0o040000;
pub const S_IFLNK: u32 = 0o120000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Stored = 0,
    Deflated = 8,
}

/// What the headers say about one entry.
#[derive(Debug, Clone)]
pub struct EntryHeader {
    pub name: String,
    pub method: Method,
    pub crc32: u32,
    pub compressed: u32,
    pub uncompressed: u32,
    /// Full Unix mode including the file type bits.
    pub unix_mode: u32,
}

struct Record {
    header: EntryHeader,
    offset: u32,
}

/// Counts and checksums everything written through it.
pub struct Crc64Writer<W: Write> {
    inner: W,
    digest: crc::Digest<'static, u64>,
    written: u64,
}

static CRC64: crc::Crc<u64> = crc::Crc::<u64>::new(&crc::CRC_64_XZ);

impl<W: Write> Crc64Writer<W> {
    pub fn new(inner: W) -> Self {
        Crc64Writer {
            inner,
            digest: CRC64.digest(),
            written: 0,
        }
    }

    pub fn written(&self) -> u64 {
        self.written
    }

    pub fn finish(self) -> (W, u64, u64) {
        (self.inner, self.digest.finalize(), self.written)
    }
}

impl<W: Write> Write for Crc64Writer<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.digest.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

pub struct ZipWriter<W: Write> {
    out: Crc64Writer<W>,
    records: Vec<Record>,
}

impl<W: Write> ZipWriter<W> {
    pub fn new(inner: W) -> Self {
        ZipWriter {
            out: Crc64Writer::new(inner),
            records: Vec::new(),
        }
    }

    /// Bytes written so far.
    pub fn written(&self) -> u64 {
        self.out.written()
    }

    /// Write the local header; the caller then writes exactly `compressed` bytes of data.
    pub fn start_entry(&mut self, header: EntryHeader) -> io::Result<&mut impl Write> {
        let offset = u32::try_from(self.out.written())
            .map_err(|_| io::Error::other("archive larger than 4 GiB"))?;
        let mut buf = Vec::with_capacity(30 + header.name.len());
        put32(&mut buf, 0x0403_4b50);
        put16(&mut buf, VERSION_NEEDED);
        common_fields(&mut buf, &header);
        put16(&mut buf, 0); // extra field length
        buf.extend_from_slice(header.name.as_bytes());
        self.out.write_all(&buf)?;
        self.records.push(Record { header, offset });
        Ok(&mut self.out)
    }

    /// Write the central directory and end records; returns (inner, crc64, total size).
    pub fn finish(mut self) -> io::Result<(W, u64, u64)> {
        let cd_start = self.out.written();
        let mut buf = Vec::new();
        for record in &self.records {
            buf.clear();
            central_record(&mut buf, record);
            self.out.write_all(&buf)?;
        }
        let cd_size = self.out.written() - cd_start;
        let count = self.records.len() as u64;
        buf.clear();
        end_records(&mut buf, count, cd_size, cd_start, self.out.written());
        self.out.write_all(&buf)?;
        self.out.flush()?;
        Ok(self.out.finish())
    }
}

fn common_fields(buf: &mut Vec<u8>, h: &EntryHeader) {
    put16(buf, if h.name.is_ascii() { 0 } else { FLAG_UTF8 });
    put16(buf, h.method as u16);
    put16(buf, DOS_TIME);
    put16(buf, DOS_DATE);
    put32(buf, h.crc32);
    put32(buf, h.compressed);
    put32(buf, h.uncompressed);
    put16(buf, h.name.len() as u16);
}

fn central_record(buf: &mut Vec<u8>, record: &Record) {
    let h = &record.header;
    let dos_dir = if h.unix_mode & 0o170000 == S_IFDIR {
        0x10
    } else {
        0
    };
    put32(buf, 0x0201_4b50);
    put16(buf, VERSION_MADE_BY);
    put16(buf, VERSION_NEEDED);
    common_fields(buf, h);
    put16(buf, 0); // extra
    put16(buf, 0); // comment
    put16(buf, 0); // disk number
    put16(buf, 0); // internal attributes
    put32(buf, (h.unix_mode << 16) | dos_dir);
    put32(buf, record.offset);
    buf.extend_from_slice(h.name.as_bytes());
}

/// End of central directory, with the Zip64 records in front when there are 65,535
/// entries or more (a `node_modules` tree gets there).
fn end_records(buf: &mut Vec<u8>, count: u64, cd_size: u64, cd_start: u64, here: u64) {
    let zip64 = count >= 0xFFFF;
    if zip64 {
        put32(buf, 0x0606_4b50);
        put64(buf, 44);
        put16(buf, VERSION_MADE_BY);
        put16(buf, 45);
        put32(buf, 0);
        put32(buf, 0);
        put64(buf, count);
        put64(buf, count);
        put64(buf, cd_size);
        put64(buf, cd_start);
        put32(buf, 0x0706_4b50);
        put32(buf, 0);
        put64(buf, here);
        put32(buf, 1);
    }
    let short_count = if zip64 { 0xFFFF } else { count as u16 };
    put32(buf, 0x0605_4b50);
    put16(buf, 0);
    put16(buf, 0);
    put16(buf, short_count);
    put16(buf, short_count);
    put32(buf, cd_size as u32);
    put32(buf, cd_start as u32);
    put16(buf, 0);
}

fn put16(buf: &mut Vec<u8>, v: u16) {
    buf.extend_from_slice(&v.to_le_bytes());
}

fn put32(buf: &mut Vec<u8>, v: u32) {
    buf.extend_from_slice(&v.to_le_bytes());
}

fn put64(buf: &mut Vec<u8>, v: u64) {
    buf.extend_from_slice(&v.to_le_bytes());
}
