//! Building the archive: entries are compressed on worker threads (a bounded window ahead
//! of the writer, so memory stays flat on any tree) and written in order by one thread,
//! which checks the size limit as it goes.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};

use super::compress::{self, Compressed, Data};
use super::walk::{Entry, Kind};
use super::zipwrite::{EntryHeader, ZipWriter, S_IFDIR, S_IFLNK, S_IFREG};
use super::{PackageError, Progress, SizeReport, MAX_PACKAGE_BYTES};

/// Entries compressed ahead of the writer, per worker.
const AHEAD_PER_WORKER: usize = 4;

/// The finished archive: its CRC-64 and size.
pub struct Written {
    pub checksum: u64,
    pub size: u64,
}

/// Fail before compressing anything when the files kept as they are already exceed the
/// limit: no archive could be small enough.
pub fn check_estimate(code: &Path, entries: &[Entry]) -> Result<(), PackageError> {
    let stored: u64 = entries
        .iter()
        .filter(|e| compress::is_stored_by_name(&e.name))
        .map(Entry::size)
        .sum();
    if stored > MAX_PACKAGE_BYTES {
        return Err(too_large(code, entries, stored, true));
    }
    Ok(())
}

/// Compress `entries` in parallel and write them, in order, as a zip into `out`.
pub fn write(
    code: &Path,
    entries: &[Entry],
    out: impl Write,
    progress: &dyn Fn(Progress),
) -> Result<Written, PackageError> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (results_tx, results_rx) = mpsc::channel::<(usize, Result<Compressed, PackageError>)>();
    let (tokens_tx, tokens_rx) = mpsc::sync_channel::<()>(workers * AHEAD_PER_WORKER);
    for _ in 0..workers * AHEAD_PER_WORKER {
        let _ = tokens_tx.send(());
    }
    let tokens_rx = Mutex::new(tokens_rx);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let results_tx = results_tx.clone();
            let (next, stop, tokens_rx) = (&next, &stop, &tokens_rx);
            scope.spawn(move || loop {
                // A token is a free slot in the window ahead of the writer.
                if tokens_rx
                    .lock()
                    .map(|rx| rx.recv().is_err())
                    .unwrap_or(true)
                {
                    break;
                }
                let index = next.fetch_add(1, Ordering::SeqCst);
                if index >= entries.len() || stop.load(Ordering::SeqCst) {
                    break;
                }
                let result = compress::compress(&entries[index]);
                if results_tx.send((index, result)).is_err() {
                    break;
                }
            });
        }
        drop(results_tx);
        let result = write_in_order(code, entries, out, results_rx, &tokens_tx, progress);
        stop.store(true, Ordering::SeqCst);
        drop(tokens_tx);
        result
    })
}

fn write_in_order(
    code: &Path,
    entries: &[Entry],
    out: impl Write,
    results: mpsc::Receiver<(usize, Result<Compressed, PackageError>)>,
    tokens: &mpsc::SyncSender<()>,
    progress: &dyn Fn(Progress),
) -> Result<Written, PackageError> {
    let total: u64 = entries.iter().map(Entry::size).sum();
    let mut done = 0;
    let mut zip = ZipWriter::new(io::BufWriter::with_capacity(256 * 1024, out));
    let mut pending = BTreeMap::new();
    let out_err = |e: io::Error| PackageError::Write {
        path: code.to_path_buf(),
        source: e,
    };
    for (index, entry) in entries.iter().enumerate() {
        let compressed = loop {
            if let Some(ready) = pending.remove(&index) {
                break ready;
            }
            let (i, result) = results.recv().map_err(|_| PackageError::Write {
                path: code.to_path_buf(),
                source: io::Error::other("a compression thread stopped"),
            })?;
            pending.insert(i, result);
        }?;
        write_entry(&mut zip, entry, compressed)?;
        let _ = tokens.send(());
        done += entry.size();
        progress(Progress { done, total });
        if zip.written() > MAX_PACKAGE_BYTES {
            return Err(too_large(code, entries, zip.written(), true));
        }
    }
    let (mut inner, checksum, size) = zip.finish().map_err(out_err)?;
    inner.flush().map_err(out_err)?;
    if size > MAX_PACKAGE_BYTES {
        return Err(too_large(code, entries, size, false));
    }
    Ok(Written { checksum, size })
}

fn write_entry(
    zip: &mut ZipWriter<impl Write>,
    entry: &Entry,
    compressed: Compressed,
) -> Result<(), PackageError> {
    let file_type = match entry.kind {
        Kind::Dir => S_IFDIR,
        Kind::File { .. } => S_IFREG,
        Kind::Symlink { .. } => S_IFLNK,
    };
    let header = EntryHeader {
        name: entry.name.clone(),
        method: compressed.method,
        crc32: compressed.crc32,
        compressed: compressed.compressed as u32,
        uncompressed: compressed.uncompressed as u32,
        unix_mode: file_type | entry.mode,
    };
    let write_err = PackageError::write(&entry.path);
    let sink = zip
        .start_entry(header)
        .map_err(PackageError::write(&entry.path))?;
    match compressed.data {
        Data::Memory(bytes) => sink.write_all(&bytes).map_err(write_err),
        Data::Spooled(mut spool) => io::copy(&mut spool, sink).map(drop).map_err(write_err),
        Data::Source => copy_source(entry, compressed.crc32, compressed.uncompressed, sink),
    }
}

/// Copy a stored file into the archive, refusing if it is not what the worker saw.
fn copy_source(
    entry: &Entry,
    crc32: u32,
    len: u64,
    sink: &mut impl Write,
) -> Result<(), PackageError> {
    let file = File::open(&entry.path).map_err(PackageError::read(&entry.path))?;
    let mut reader = file.take(len);
    let mut crc = flate2::Crc::new();
    let mut buf = vec![0; 256 * 1024];
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(PackageError::read(&entry.path))?;
        if n == 0 {
            break;
        }
        crc.update(&buf[..n]);
        sink.write_all(&buf[..n])
            .map_err(PackageError::write(&entry.path))?;
    }
    if u64::from(crc.amount()) != len || crc.sum() != crc32 {
        return Err(PackageError::Changed {
            path: entry.path.clone(),
        });
    }
    Ok(())
}

/// The report for an archive over the limit: biggest files and folders by size on disk.
pub fn too_large(
    code: &Path,
    entries: &[Entry],
    compressed: u64,
    stopped_early: bool,
) -> PackageError {
    let mut files: Vec<(String, u64)> = entries
        .iter()
        .filter(|e| matches!(e.kind, Kind::File { .. }))
        .map(|e| (e.name.clone(), e.size()))
        .collect();
    let mut folders: HashMap<String, u64> = HashMap::new();
    for (name, size) in &files {
        let mut end = 0;
        while let Some(pos) = name[end..].find('/') {
            end += pos + 1;
            *folders.entry(name[..end].to_string()).or_default() += size;
        }
    }
    let mut folders: Vec<(String, u64)> = folders.into_iter().collect();
    files.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    folders.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    files.truncate(10);
    folders.truncate(5);
    PackageError::TooLarge(Box::new(SizeReport {
        code: code.to_path_buf(),
        compressed,
        stopped_early,
        largest_files: files,
        largest_folders: folders,
    }))
}
