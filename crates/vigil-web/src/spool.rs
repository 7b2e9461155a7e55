//! Files on their way in (a phone's attachments, the report page's
//! photos): streamed to an unnamed temporary file as they arrive, each
//! chunk sealed under a key that lives only in memory for the request, so
//! that nothing of them is ever on disk in the clear; their SHA-256, size
//! and media type (read from their first bytes) known when they end.

use axum::extract::multipart::{Field, MultipartError};
use vigil_app::field::AttachmentInfo;

/// Why a file could not be received.
#[derive(Debug)]
pub(crate) enum SpoolError {
    /// The body could not be read (or is over its limit).
    Multipart(MultipartError),
    /// The temporary file could not be written or read.
    Io(std::io::Error),
}

/// An attachment received, its bytes spooled (see [`Spool`]).
pub(crate) struct Incoming {
    pub info: AttachmentInfo,
    pub spool: Spool,
}

/// An attachment's bytes on their way in: written to an unnamed temporary
/// file as they come, each chunk sealed under a key that lives only in
/// memory for this request, so that nothing of them is ever on disk in
/// the clear.
pub(crate) struct Spool {
    file: tokio::fs::File,
    key: vigil_store::SealKey,
    chunks: u64,
}

impl Spool {
    async fn new() -> std::io::Result<Self> {
        let file = tokio::task::spawn_blocking(tempfile::tempfile)
            .await
            .map_err(std::io::Error::other)??;
        Ok(Self {
            file: tokio::fs::File::from_std(file),
            key: vigil_store::SealKey::generate(),
            chunks: 0,
        })
    }

    async fn write(&mut self, chunk: &[u8]) -> std::io::Result<()> {
        use tokio::io::AsyncWriteExt as _;
        let sealed = vigil_store::seal::seal_bytes(&self.key, &self.chunks.to_be_bytes(), chunk)
            .map_err(std::io::Error::other)?;
        self.file.write_all(&(sealed.len() as u32).to_be_bytes()).await?;
        self.file.write_all(&sealed).await?;
        self.chunks += 1;
        Ok(())
    }

    /// The bytes back, whole.
    pub async fn read(mut self) -> std::io::Result<Vec<u8>> {
        use tokio::io::{AsyncReadExt as _, AsyncSeekExt as _};
        self.file.seek(std::io::SeekFrom::Start(0)).await?;
        let mut out = Vec::new();
        for i in 0..self.chunks {
            let mut len = [0u8; 4];
            self.file.read_exact(&mut len).await?;
            let mut sealed = vec![0u8; u32::from_be_bytes(len) as usize];
            self.file.read_exact(&mut sealed).await?;
            let plain =
                vigil_store::seal::open_bytes(&self.key, &i.to_be_bytes(), &sealed).map_err(std::io::Error::other)?;
            out.extend_from_slice(&plain);
        }
        Ok(out)
    }
}

impl Incoming {
    /// Bytes already in memory (a file decrypted here), spooled as a
    /// received file is, kept under `name`.
    pub async fn from_bytes(name: &str, declared: &str, bytes: &[u8]) -> std::io::Result<Self> {
        let mut spool = Spool::new().await?;
        for chunk in bytes.chunks(256 * 1024) {
            spool.write(chunk).await?;
        }
        Ok(Incoming {
            info: AttachmentInfo {
                name: name.chars().filter(|c| !c.is_control()).take(200).collect(),
                content_type: media_type(&bytes[..bytes.len().min(16)], declared).to_owned(),
                size: bytes.len() as u64,
                sha256: vigil_app::field::sha256_hex(bytes),
            },
            spool,
        })
    }

    /// Reads the file of `part` to its end, kept under `name` (control
    /// characters dropped, at most 200 characters).
    pub async fn receive(part: &mut Field<'_>, name: &str) -> Result<Self, SpoolError> {
        let declared = part.content_type().unwrap_or("application/octet-stream").to_owned();
        let mut spool = Spool::new().await.map_err(SpoolError::Io)?;
        let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
        let mut size = 0u64;
        let mut head = Vec::new();
        while let Some(c) = part.chunk().await.map_err(SpoolError::Multipart)? {
            sha2::Digest::update(&mut hasher, &c);
            size += c.len() as u64;
            if head.len() < 16 {
                head.extend_from_slice(&c[..c.len().min(16 - head.len())]);
            }
            spool.write(&c).await.map_err(SpoolError::Io)?;
        }
        let sha256: String = sha2::Digest::finalize(hasher)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Incoming {
            info: AttachmentInfo {
                name: name.chars().filter(|c| !c.is_control()).take(200).collect(),
                content_type: media_type(&head, &declared).to_owned(),
                size,
                sha256,
            },
            spool,
        })
    }
}

/// The media type an attachment is kept under: what its first bytes show
/// it to be, whatever the phone declared; what they do not show is kept as
/// `application/octet-stream` (served only as a download).
pub(crate) fn media_type(head: &[u8], declared: &str) -> &'static str {
    let starts = |magic: &[u8]| head.starts_with(magic);
    let ftyp = head.get(4..8) == Some(b"ftyp");
    let brand = head.get(8..11);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        "image/webp"
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"WAVE") {
        "audio/wav"
    } else if starts(b"#!AMR") {
        "audio/amr"
    } else if starts(b"OggS") {
        if declared.starts_with("video/") {
            "video/ogg"
        } else {
            "audio/ogg"
        }
    } else if starts(b"ID3") || starts(&[0xFF, 0xFB]) || starts(&[0xFF, 0xF3]) {
        "audio/mpeg"
    } else if ftyp && brand == Some(b"3gp") {
        if declared.starts_with("audio/") {
            "audio/3gpp"
        } else {
            "video/3gpp"
        }
    } else if ftyp && (brand == Some(b"M4A") || declared.starts_with("audio/")) {
        "audio/mp4"
    } else if ftyp {
        "video/mp4"
    } else if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        "video/webm"
    } else if starts(b"%PDF-") {
        "application/pdf"
    } else {
        "application/octet-stream"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_come_from_the_bytes_not_the_name() {
        assert_eq!(media_type(&[0xFF, 0xD8, 0xFF, 0xE0], "text/html"), "image/jpeg");
        assert_eq!(media_type(b"<html><script>", "image/jpeg"), "application/octet-stream");
        assert_eq!(media_type(b"#!AMR\n", "audio/amr"), "audio/amr");
        assert_eq!(media_type(b"\0\0\0\x18ftyp3gp4", "audio/3gpp"), "audio/3gpp");
        assert_eq!(media_type(b"\0\0\0\x18ftypisom", "video/mp4"), "video/mp4");
        assert_eq!(media_type(b"%PDF-1.7", "application/pdf"), "application/pdf");
    }
}
