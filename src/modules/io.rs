//! Text files: `open()` with modes r, w, a (and r+, w+, a+, x), reading whole, by line
//! and by iteration, writing, `with` support, and CPython's OSError messages.

use crate::eval::{Args, Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::modules::builtins::{check_arity, unpack_keywords, Clinic};
use crate::objects::Obj;
use std::cell::RefCell;
use std::io::Write;

pub struct FileObj {
    pub name: String,
    pub mode: String,
    pub closed: bool,
    /// The text not yet read (read modes).
    pub content: String,
    pub pos: usize,
    /// Written text not yet flushed to disk.
    pub pending: String,
    pub readable: bool,
    pub writable: bool,
    pub file: Option<std::fs::File>,
    /// Set for `sys.stdout` and `sys.stderr`: writes go to the process's streams.
    pub stream: Option<StdStream>,
}

/// The standard streams `sys` exposes as text files.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum StdStream {
    Out,
    Err,
}

impl FileObj {
    /// `sys.stdout` / `sys.stderr`: a writable text file on the process's stream.
    pub fn standard(stream: StdStream) -> FileObj {
        let name = match stream {
            StdStream::Out => "<stdout>",
            StdStream::Err => "<stderr>",
        };
        FileObj {
            name: name.to_string(),
            mode: "w".to_string(),
            closed: false,
            content: String::new(),
            pos: 0,
            pending: String::new(),
            readable: false,
            writable: true,
            file: None,
            stream: Some(stream),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if let Some(f) = &mut self.file {
            if !self.pending.is_empty() {
                f.write_all(self.pending.as_bytes())?;
                self.pending.clear();
            }
        }
        Ok(())
    }
}

impl Drop for FileObj {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// An OSError subclass with errno, strerror and filename, as CPython raises.
pub fn os_error(interp: &mut Interp, e: &std::io::Error, filename: &str) -> Unwind {
    let errno = e.raw_os_error().unwrap_or(0);
    let class = match e.kind() {
        std::io::ErrorKind::NotFound => "FileNotFoundError",
        std::io::ErrorKind::PermissionDenied => "PermissionError",
        std::io::ErrorKind::AlreadyExists => "FileExistsError",
        _ if errno == 21 => "IsADirectoryError",
        _ if errno == 20 => "NotADirectoryError",
        _ => "OSError",
    };
    let text = crate::cli::os_error_text(e);
    let args = vec![
        interp.new_int(errno as i64),
        interp.new_string(text),
        interp.new_str(filename),
    ];
    let class = interp.exc_class(class);
    match interp.new_instance(&class, &args) {
        Ok(exc) => {
            interp.set_context(&exc);
            Unwind::Exception(exc)
        }
        Err(e) => e,
    }
}

pub fn open(interp: &mut Interp, args: Args) -> PyResult {
    const SPEC: Clinic = Clinic {
        fname: "open",
        params: &[
            "file",
            "mode",
            "buffering",
            "encoding",
            "errors",
            "newline",
            "closefd",
            "opener",
        ],
        posonly: 0,
        minpos: 1,
        maxpos: 8,
    };
    let slots = unpack_keywords(interp, &SPEC, args.pos, args.kw)?;
    let (Some(file), mode) = (&slots[0], &slots[1]) else {
        return Err(interp.err(
            "TypeError",
            "open() missing required argument 'file' (pos 1)",
        ));
    };
    let name = match file.as_str_opt() {
        Some(s) => s.to_string(),
        None => {
            let t = interp.type_name(file);
            return Err(interp.err(
                "TypeError",
                format!("expected str, bytes or os.PathLike object, not {t}"),
            ));
        }
    };
    let mode = match mode {
        Some(m) => m.as_str_opt().unwrap_or("r").to_string(),
        None => "r".to_string(),
    };
    let base: String = mode.chars().filter(|c| *c != 't').collect();
    let (readable, writable) = match base.as_str() {
        "r" => (true, false),
        "w" | "a" | "x" => (false, true),
        "r+" | "w+" | "a+" | "x+" => (true, true),
        _ => return Err(interp.err("ValueError", format!("invalid mode: '{mode}'"))),
    };
    let mut options = std::fs::OpenOptions::new();
    match base.chars().next() {
        Some('r') => {
            options.read(true).write(writable);
        }
        Some('w') => {
            options
                .write(true)
                .create(true)
                .truncate(true)
                .read(readable);
        }
        Some('a') => {
            options.append(true).create(true).read(readable);
        }
        _ => {
            options.write(true).create_new(true).read(readable);
        }
    }
    let file = match options.open(&name) {
        Ok(f) => f,
        Err(e) => return Err(os_error(interp, &e, &name)),
    };
    // `newline=None` (the default) reads with universal newlines; `newline=""` keeps
    // line endings as they are.
    let universal = match args.kwarg("newline") {
        None => true,
        Some(n) => matches!(&**n, Obj::None),
    };
    let content = if base.starts_with('r') {
        match std::fs::read(&name) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                if universal && text.contains('\r') {
                    text.replace("\r\n", "\n").replace('\r', "\n")
                } else {
                    text.into_owned()
                }
            }
            Err(e) => return Err(os_error(interp, &e, &name)),
        }
    } else {
        String::new()
    };
    let obj = FileObj {
        name,
        mode,
        closed: false,
        content,
        pos: 0,
        pending: String::new(),
        readable,
        writable,
        file: Some(file),
        stream: None,
    };
    Ok(Ref::new(Obj::File(Box::new(RefCell::new(obj)))))
}

fn file_of<'a>(interp: &mut Interp, v: &'a Ref) -> PyResult<&'a RefCell<FileObj>> {
    match &**v {
        Obj::File(f) => {
            if f.borrow().closed {
                return Err(interp.err("ValueError", "I/O operation on closed file."));
            }
            Ok(f)
        }
        _ => Err(interp.err("TypeError", "not a file")),
    }
}

/// Writes text to a file object (or anything with a `write` method).
pub fn write_to(interp: &mut Interp, target: &Ref, text: &str) -> PyResult<()> {
    if let Obj::File(_) = &**target {
        let f = file_of(interp, target)?;
        let mut f = f.borrow_mut();
        if !f.writable {
            drop(f);
            return Err(interp.err("io.UnsupportedOperation", "not writable"));
        }
        match f.stream {
            Some(StdStream::Out) => {
                drop(f);
                interp.write_stdout(text);
            }
            Some(StdStream::Err) => {
                drop(f);
                interp.flush_stdout();
                let mut err = std::io::stderr().lock();
                let _ = err.write_all(text.as_bytes());
                let _ = err.flush();
            }
            None => f.pending.push_str(text),
        }
        return Ok(());
    }
    let write = interp.intern("write");
    let m = interp.getattr(target, &write)?;
    let s = interp.new_str(text);
    interp.call(&m, vec![s])?;
    Ok(())
}

fn read_line(f: &mut FileObj) -> Option<String> {
    if f.pos >= f.content.len() {
        return None;
    }
    let rest = &f.content[f.pos..];
    let end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    let line = rest[..end].to_string();
    f.pos += end;
    Some(line)
}

/// `next(file)`: the next line, or exhaustion at end of file.
pub fn file_next(interp: &mut Interp, it: &Ref) -> PyResult<Option<Ref>> {
    let f = file_of(interp, it)?;
    let line = read_line(&mut f.borrow_mut());
    Ok(line.map(|l| interp.new_string(l)))
}

fn read(interp: &mut Interp, args: Args) -> PyResult {
    let f = file_of(interp, &args.pos[0])?;
    let size = match args.pos.get(1) {
        Some(n) if !matches!(&**n, Obj::None) => Some(interp.index_value(n)?),
        _ => None,
    };
    let mut f = f.borrow_mut();
    if !f.readable {
        drop(f);
        return Err(interp.err("io.UnsupportedOperation", "not readable"));
    }
    let rest = &f.content[f.pos..];
    let text = match size {
        Some(n) if n >= 0 => rest.chars().take(n as usize).collect::<String>(),
        _ => rest.to_string(),
    };
    f.pos += text.len();
    drop(f);
    Ok(interp.new_string(text))
}

fn readline(interp: &mut Interp, args: Args) -> PyResult {
    let f = file_of(interp, &args.pos[0])?;
    let line = read_line(&mut f.borrow_mut()).unwrap_or_default();
    Ok(interp.new_string(line))
}

fn readlines(interp: &mut Interp, args: Args) -> PyResult {
    let f = file_of(interp, &args.pos[0])?;
    let mut lines = Vec::new();
    while let Some(l) = read_line(&mut f.borrow_mut()) {
        lines.push(l);
    }
    let items = lines.into_iter().map(|l| interp.new_string(l)).collect();
    Ok(interp.new_list(items))
}

fn write(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "write", &args, 2, 2)?;
    let Some(text) = args.pos[1].as_str_opt().map(str::to_string) else {
        let t = interp.type_name(&args.pos[1]);
        return Err(interp.err(
            "TypeError",
            format!("write() argument must be str, not {t}"),
        ));
    };
    write_to(interp, &args.pos[0], &text)?;
    Ok(interp.new_int(text.chars().count() as i64))
}

fn writelines(interp: &mut Interp, args: Args) -> PyResult {
    let lines = interp.collect_iterable(&args.pos[1])?;
    for l in lines {
        let s = interp.str(&l)?;
        write_to(interp, &args.pos[0], &s)?;
    }
    Ok(interp.none())
}

fn close(interp: &mut Interp, args: Args) -> PyResult {
    if let Obj::File(f) = &*args.pos[0] {
        let mut f = f.borrow_mut();
        if !f.closed {
            let _ = f.flush();
            f.closed = true;
            f.file = None;
        }
    }
    Ok(interp.none())
}

fn flush(interp: &mut Interp, args: Args) -> PyResult {
    if let Obj::File(f) = &*args.pos[0] {
        let stream = f.borrow().stream;
        match stream {
            Some(StdStream::Out) => interp.flush_stdout(),
            Some(StdStream::Err) => {}
            None => {
                let _ = f.borrow_mut().flush();
            }
        }
    }
    Ok(interp.none())
}

fn enter(interp: &mut Interp, args: Args) -> PyResult {
    file_of(interp, &args.pos[0])?;
    Ok(args.pos[0].clone())
}

fn exit(interp: &mut Interp, args: Args) -> PyResult {
    close(interp, Args::new(&args.pos[..1]))?;
    Ok(interp.bool(false))
}

pub fn methods() -> Vec<(&'static str, crate::objects::BuiltinFn)> {
    vec![
        ("read", read),
        ("readline", readline),
        ("readlines", readlines),
        ("write", write),
        ("writelines", writelines),
        ("close", close),
        ("flush", flush),
        ("__enter__", enter),
        ("__exit__", exit),
    ]
}
