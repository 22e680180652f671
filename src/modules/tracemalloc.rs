//! The `tracemalloc` module: traces allocations with CPython 3.11's sizes.
//!
//! While tracing, the heap calls [`on_alloc`] for every new object and [`on_free`] as it
//! frees one; lists, dicts and sets report their separately allocated storage through
//! [`realloc`] when it changes size (CPython's `realloc` of `ob_item`, a new keys table, a
//! grown set table). Each block is charged its size in bytes ([`crate::heap::sizes::blocks`])
//! and attributed to the traceback running when it was allocated: the evaluator reports
//! each statement's line ([`set_line`]) and calls ([`enter_frame`]/[`leave_frame`]) while
//! tracing. When tracing is off all of this costs one branch per allocation and free.
//!
//! The native part mirrors `_tracemalloc` (start, stop, traced memory, raw traces); the
//! classes (`Snapshot`, `Statistic`, `StatisticDiff`, `Traceback`, `Frame`, `Trace`,
//! `Filter`, `DomainFilter`) are Python code run into the module, as in CPython's
//! `Lib/tracemalloc.py`.

use crate::eval::frame::Frame;
use crate::eval::{Args, Interp, PyResult};
use crate::heap::{raw, ObjBox, Ref};
use crate::modules::builtins::check_arity;
use crate::objects::Obj;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// `MAX_NFRAME`.
const MAX_NFRAME: i64 = 65535;

/// A frame position: file index (high 32 bits) and line.
type Loc = u64;

/// A traceback's `(filename, lineno)` frames, most recent first, and its total depth.
type Frames = (Vec<(Rc<str>, u32)>, usize);

struct Trace {
    size: usize,
    traceback: u32,
}

struct Tracer {
    /// Live traced blocks by address (an object's header, or its separate storage).
    traces: HashMap<usize, Trace>,
    current: usize,
    peak: usize,
    /// Frames recorded per traceback (`start(nframe)`), kept after `stop()`.
    nframe: usize,
    files: Vec<Rc<str>>,
    /// File names by the address of the evaluator's `Rc<str>` (kept in `pinned`).
    file_ids: HashMap<usize, u32>,
    pinned: Vec<Rc<str>>,
    /// The running statement's position.
    location: Loc,
    /// The callers' positions, innermost last.
    stack: Vec<Loc>,
    /// Interned tracebacks: frames (most recent first) and the total depth.
    tracebacks: Vec<(Box<[Loc]>, usize)>,
    traceback_ids: HashMap<(Box<[Loc]>, usize), u32>,
    /// The traceback of the current position, while it does not change.
    current_traceback: Option<u32>,
}

impl Tracer {
    fn new() -> Tracer {
        Tracer {
            traces: HashMap::new(),
            current: 0,
            peak: 0,
            nframe: 1,
            files: vec!["<unknown>".into()],
            file_ids: HashMap::new(),
            pinned: Vec::new(),
            location: 0,
            stack: Vec::new(),
            tracebacks: Vec::new(),
            traceback_ids: HashMap::new(),
            current_traceback: None,
        }
    }

    fn clear(&mut self) {
        self.traces.clear();
        self.current = 0;
        self.peak = 0;
    }

    fn file_id(&mut self, file: &Rc<str>) -> u32 {
        let key = Rc::as_ptr(file) as *const u8 as usize;
        if let Some(&id) = self.file_ids.get(&key) {
            return id;
        }
        let id = match self.files.iter().position(|f| **f == **file) {
            Some(i) => i as u32,
            None => {
                self.files.push(file.clone());
                (self.files.len() - 1) as u32
            }
        };
        // Keep this Rc alive so that its address is never another file name's.
        self.pinned.push(file.clone());
        self.file_ids.insert(key, id);
        id
    }

    fn set_location(&mut self, loc: Loc) {
        if loc != self.location {
            self.location = loc;
            self.current_traceback = None;
        }
    }

    fn traceback(&mut self) -> u32 {
        if let Some(id) = self.current_traceback {
            return id;
        }
        let mut frames = vec![self.location];
        frames.extend(self.stack.iter().rev().take(self.nframe - 1));
        let key = (frames.into_boxed_slice(), 1 + self.stack.len());
        let id = match self.traceback_ids.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.tracebacks.len() as u32;
                self.tracebacks.push(key.clone());
                self.traceback_ids.insert(key, id);
                id
            }
        };
        self.current_traceback = Some(id);
        id
    }

    fn add(&mut self, key: usize, size: usize) {
        self.remove(key);
        let traceback = self.traceback();
        self.traces.insert(key, Trace { size, traceback });
        self.current += size;
        if self.current > self.peak {
            self.peak = self.current;
        }
    }

    fn remove(&mut self, key: usize) {
        if let Some(t) = self.traces.remove(&key) {
            self.current -= t.size;
        }
    }

    /// `(filename, lineno)` frames of a traceback.
    fn frames(&self, id: u32) -> Frames {
        let (locs, total) = &self.tracebacks[id as usize];
        let frames = locs
            .iter()
            .map(|&l| (self.files[(l >> 32) as usize].clone(), l as u32))
            .collect();
        (frames, *total)
    }
}

thread_local! {
    static TRACER: RefCell<Tracer> = RefCell::new(Tracer::new());
}

fn with<T>(f: impl FnOnce(&mut Tracer) -> T) -> T {
    TRACER.with(|t| f(&mut t.borrow_mut()))
}

// ---------------------------------------------------------------- evaluator hooks

/// The running statement is at `line` of `file` (called only while tracing).
pub fn set_line(file: &Rc<str>, line: u32) {
    with(|t| {
        let id = t.file_id(file);
        t.set_location(((id as u64) << 32) | line as u64);
    });
}

/// A call starts (called only while tracing): the caller's position is kept.
pub fn enter_frame() -> bool {
    with(|t| {
        t.stack.push(t.location);
        t.current_traceback = None;
    });
    true
}

/// The call started with [`enter_frame`] returned: back at the caller's position.
pub fn leave_frame() {
    with(|t| {
        if let Some(loc) = t.stack.pop() {
            t.location = loc;
            t.current_traceback = None;
        }
    });
}

/// The separately allocated storage of a new object, keyed by its payload's address
/// (the key [`realloc`] is called with).
fn storage_key(h: &ObjBox) -> Option<usize> {
    match &h.obj {
        Obj::List(l) => Some(l.as_ptr() as usize),
        Obj::Dict(d) => Some(d.as_ptr() as usize),
        Obj::Set(s) => Some(s.as_ptr() as usize),
        Obj::FrozenSet(s) => Some(&**s as *const crate::objects::SetObj as usize),
        // An instance's inline values: one past its header's address.
        Obj::Instance(_) => Some(h as *const ObjBox as usize + 1),
        _ => None,
    }
}

/// The heap allocated an object while tracing.
pub fn on_alloc(h: &ObjBox) {
    let (object, storage) = crate::heap::sizes::blocks(&h.obj);
    let key = storage_key(h);
    with(|t| {
        if object > 0 {
            t.add(h as *const ObjBox as usize, object);
        }
        if let (Some(k), true) = (key, storage > 0) {
            t.add(k, storage);
        }
    });
}

/// The heap is about to free an object.
pub fn on_free(h: &ObjBox) {
    if !raw::tracing() {
        return;
    }
    let key = storage_key(h);
    with(|t| {
        t.remove(h as *const ObjBox as usize);
        if let Some(k) = key {
            t.remove(k);
        }
    });
}

/// A list's item array, a dict's keys table or a set's table now takes `size` bytes
/// (0: freed). Called only while tracing.
pub fn realloc(key: usize, size: usize) {
    with(|t| {
        if size == 0 {
            t.remove(key);
        } else {
            t.add(key, size);
        }
    });
}

// ---------------------------------------------------------------- the module

pub fn create(interp: &mut Interp) -> Ref {
    let m = interp.new_module("tracemalloc");
    let d = interp.module_dict(&m);
    interp.add_function(&d, "start", start);
    interp.add_function(&d, "stop", stop);
    interp.add_function(&d, "is_tracing", is_tracing);
    interp.add_function(&d, "clear_traces", clear_traces);
    interp.add_function(&d, "get_traced_memory", get_traced_memory);
    interp.add_function(&d, "reset_peak", reset_peak);
    interp.add_function(&d, "get_tracemalloc_memory", get_tracemalloc_memory);
    interp.add_function(&d, "get_traceback_limit", get_traceback_limit);
    interp.add_function(&d, "_get_traces", get_traces);
    interp.add_function(&d, "_get_object_traceback", get_object_traceback);
    interp.add_function(&d, "_getline", getline);
    interp.add_function(&d, "_fnmatch", fnmatch);
    run_python_part(interp, &d);
    m
}

/// Runs the module's Python code (the classes) in its namespace.
fn run_python_part(interp: &mut Interp, globals: &Ref) {
    let unit = match crate::compile::compile(interp, PYTHON_PART, "<frozen tracemalloc>") {
        Ok(u) => u,
        Err(e) => panic!("tracemalloc's Python part does not compile: {e:?}"),
    };
    let mut frame = Frame::module(&unit, globals.clone());
    let traced = interp.tracing && enter_frame();
    let result = interp.exec_block(&mut frame, &unit.module.body);
    if traced {
        leave_frame();
    }
    drop(frame);
    unit.release_literals();
    if let Err(crate::eval::Unwind::Exception(e)) = result {
        let report = interp.format_exception(&e);
        panic!("tracemalloc's Python part failed:\n{report}");
    }
}

fn start(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "start", &args, 0, 1)?;
    let nframe = match args.pos.first() {
        Some(v) => interp.index_value(v)?,
        None => 1,
    };
    if !(1..=MAX_NFRAME).contains(&nframe) {
        return Err(interp.err(
            "ValueError",
            format!("the number of frames must be in range [1; {MAX_NFRAME}]"),
        ));
    }
    if !interp.tracing {
        with(|t| {
            t.nframe = nframe as usize;
            t.clear();
            t.stack.clear();
            t.current_traceback = None;
        });
        interp.tracing = true;
        raw::set_tracing(true);
    }
    Ok(interp.none())
}

fn stop(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "stop", &args, 0, 0)?;
    interp.tracing = false;
    raw::set_tracing(false);
    with(|t| {
        t.clear();
        t.stack.clear();
        t.tracebacks.clear();
        t.traceback_ids.clear();
        t.current_traceback = None;
    });
    Ok(interp.none())
}

fn is_tracing(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "is_tracing", &args, 0, 0)?;
    Ok(interp.bool(interp.tracing))
}

fn clear_traces(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "clear_traces", &args, 0, 0)?;
    with(|t| t.clear());
    Ok(interp.none())
}

fn get_traced_memory(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "get_traced_memory", &args, 0, 0)?;
    let (current, peak) = with(|t| (t.current, t.peak));
    let items = vec![interp.new_int(current as i64), interp.new_int(peak as i64)];
    Ok(interp.new_tuple(items))
}

fn reset_peak(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "reset_peak", &args, 0, 0)?;
    with(|t| t.peak = t.current);
    Ok(interp.none())
}

/// Memory the tracer itself uses (its tables), an estimate in CPython's spirit.
fn get_tracemalloc_memory(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "get_tracemalloc_memory", &args, 0, 0)?;
    let size = with(|t| {
        let frames: usize = t.tracebacks.iter().map(|(f, _)| f.len()).sum();
        624 + 40 * t.traces.len() + 32 * t.tracebacks.len() + 16 * frames
    });
    Ok(interp.new_int(size as i64))
}

fn get_traceback_limit(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "get_traceback_limit", &args, 0, 0)?;
    let n = with(|t| t.nframe);
    Ok(interp.new_int(n as i64))
}

/// A traceback as `((filename, lineno), ...)`, most recent frame first.
fn traceback_tuple(interp: &mut Interp, frames: &[(Rc<str>, u32)]) -> Ref {
    let items = frames
        .iter()
        .map(|(file, line)| {
            let pair = vec![interp.new_str(file), interp.new_int(*line as i64)];
            interp.new_tuple(pair)
        })
        .collect();
    interp.new_tuple(items)
}

/// `_get_traces()`: `[(domain, size, traceback, total_nframe), ...]`.
fn get_traces(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "_get_traces", &args, 0, 0)?;
    if !interp.tracing {
        return Ok(interp.new_list(Vec::new()));
    }
    // Copy the table first: building the result allocates (and is traced).
    let (traces, tracebacks) = with(|t| {
        let traces: Vec<(usize, u32)> = t
            .traces
            .values()
            .map(|tr| (tr.size, tr.traceback))
            .collect();
        let mut ids: Vec<u32> = traces.iter().map(|&(_, id)| id).collect();
        ids.sort_unstable();
        ids.dedup();
        let tracebacks: HashMap<u32, Frames> =
            ids.into_iter().map(|id| (id, t.frames(id))).collect();
        (traces, tracebacks)
    });
    let mut tuples: HashMap<u32, Ref> = HashMap::new();
    let mut out = Vec::with_capacity(traces.len());
    for (size, id) in traces {
        let (frames, total) = &tracebacks[&id];
        let tb = match tuples.get(&id) {
            Some(t) => t.clone(),
            None => {
                let t = traceback_tuple(interp, frames);
                tuples.insert(id, t.clone());
                t
            }
        };
        let items = vec![
            interp.new_int(0),
            interp.new_int(size as i64),
            tb,
            interp.new_int(*total as i64),
        ];
        out.push(interp.new_tuple(items));
    }
    Ok(interp.new_list(out))
}

/// `_get_object_traceback(obj)`: where the object was allocated, or None.
fn get_object_traceback(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "_get_object_traceback", &args, 1, 1)?;
    let key = args.pos[0].header() as *const ObjBox as usize;
    let found = with(|t| {
        t.traces
            .get(&key)
            .map(|tr| tr.traceback)
            .map(|id| t.frames(id))
    });
    Ok(match found {
        Some((frames, _)) => traceback_tuple(interp, &frames),
        None => interp.none(),
    })
}

/// `linecache.getline(filename, lineno)` for `Traceback.format()`.
fn getline(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "_getline", &args, 2, 2)?;
    let name = args.pos[0].as_str_opt().unwrap_or("").to_string();
    let line = interp.index_value(&args.pos[1])?;
    let text = std::fs::read_to_string(&name).ok().and_then(|src| {
        (line >= 1)
            .then(|| {
                src.split_inclusive('\n')
                    .nth(line as usize - 1)
                    .map(str::to_string)
            })
            .flatten()
    });
    Ok(interp.new_string(text.unwrap_or_default()))
}

/// `fnmatch.fnmatch(name, pattern)` on POSIX: `*`, `?`, `[seq]`, `[!seq]`.
fn fnmatch(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "_fnmatch", &args, 2, 2)?;
    let name: Vec<char> = args.pos[0].as_str_opt().unwrap_or("").chars().collect();
    let pattern: Vec<char> = args.pos[1].as_str_opt().unwrap_or("").chars().collect();
    Ok(interp.bool(glob_match(&name, &pattern)))
}

fn glob_match(name: &[char], pat: &[char]) -> bool {
    let Some((&p, rest)) = pat.split_first() else {
        return name.is_empty();
    };
    match p {
        '*' => (0..=name.len()).any(|i| glob_match(&name[i..], rest)),
        '?' => !name.is_empty() && glob_match(&name[1..], rest),
        '[' => {
            let Some(close) = rest.iter().skip(1).position(|&c| c == ']').map(|i| i + 1) else {
                return name.first() == Some(&'[') && glob_match(&name[1..], rest);
            };
            let Some(&c) = name.first() else { return false };
            let (negate, set) = match rest[0] {
                '!' => (true, &rest[1..close]),
                _ => (false, &rest[..close]),
            };
            let mut hit = false;
            let mut i = 0;
            while i < set.len() {
                if i + 2 < set.len() && set[i + 1] == '-' {
                    hit |= set[i] <= c && c <= set[i + 2];
                    i += 3;
                } else {
                    hit |= set[i] == c;
                    i += 1;
                }
            }
            hit != negate && glob_match(&name[1..], &rest[close + 1..])
        }
        _ => name.first() == Some(&p) && glob_match(&name[1..], rest),
    }
}

/// The classes of `Lib/tracemalloc.py`, written for refpy's language subset (no
/// generator expressions, no `functools`/`collections.abc`; `linecache` and `fnmatch`
/// are the native `_getline` and `_fnmatch`).
const PYTHON_PART: &str = r#"
def _format_size(size, sign):
    for unit in ('B', 'KiB', 'MiB', 'GiB', 'TiB'):
        if abs(size) < 100 and unit != 'B':
            if sign:
                return "%+.1f %s" % (size, unit)
            else:
                return "%.1f %s" % (size, unit)
        if abs(size) < 10 * 1024 or unit == 'TiB':
            if sign:
                return "%+.0f %s" % (size, unit)
            else:
                return "%.0f %s" % (size, unit)
        size /= 1024


class Statistic:
    __slots__ = ('traceback', 'size', 'count')

    def __init__(self, traceback, size, count):
        self.traceback = traceback
        self.size = size
        self.count = count

    def __hash__(self):
        return hash((self.traceback, self.size, self.count))

    def __eq__(self, other):
        if not isinstance(other, Statistic):
            return NotImplemented
        return (self.traceback == other.traceback
                and self.size == other.size
                and self.count == other.count)

    def __str__(self):
        text = ("%s: size=%s, count=%i"
                % (self.traceback, _format_size(self.size, False), self.count))
        if self.count:
            average = self.size / self.count
            text += ", average=%s" % _format_size(average, False)
        return text

    def __repr__(self):
        return ('<Statistic traceback=%r size=%i count=%i>'
                % (self.traceback, self.size, self.count))

    def _sort_key(self):
        return (self.size, self.count, self.traceback)


class StatisticDiff:
    __slots__ = ('traceback', 'size', 'size_diff', 'count', 'count_diff')

    def __init__(self, traceback, size, size_diff, count, count_diff):
        self.traceback = traceback
        self.size = size
        self.size_diff = size_diff
        self.count = count
        self.count_diff = count_diff

    def __hash__(self):
        return hash((self.traceback, self.size, self.size_diff,
                     self.count, self.count_diff))

    def __eq__(self, other):
        if not isinstance(other, StatisticDiff):
            return NotImplemented
        return (self.traceback == other.traceback
                and self.size == other.size
                and self.size_diff == other.size_diff
                and self.count == other.count
                and self.count_diff == other.count_diff)

    def __str__(self):
        text = ("%s: size=%s (%s), count=%i (%+i)"
                % (self.traceback,
                   _format_size(self.size, False),
                   _format_size(self.size_diff, True),
                   self.count,
                   self.count_diff))
        if self.count:
            average = self.size / self.count
            text += ", average=%s" % _format_size(average, False)
        return text

    def __repr__(self):
        return ('<StatisticDiff traceback=%r size=%i (%+i) count=%i (%+i)>'
                % (self.traceback, self.size, self.size_diff,
                   self.count, self.count_diff))

    def _sort_key(self):
        return (abs(self.size_diff), self.size,
                abs(self.count_diff), self.count,
                self.traceback)


def _compare_grouped_stats(old_group, new_group):
    statistics = []
    for traceback, stat in new_group.items():
        previous = old_group.pop(traceback, None)
        if previous is not None:
            stat = StatisticDiff(traceback,
                                 stat.size, stat.size - previous.size,
                                 stat.count, stat.count - previous.count)
        else:
            stat = StatisticDiff(traceback,
                                 stat.size, stat.size,
                                 stat.count, stat.count)
        statistics.append(stat)

    for traceback, stat in old_group.items():
        stat = StatisticDiff(traceback, 0, -stat.size, 0, -stat.count)
        statistics.append(stat)
    return statistics


class Frame:
    __slots__ = ("_frame",)

    def __init__(self, frame):
        self._frame = frame

    @property
    def filename(self):
        return self._frame[0]

    @property
    def lineno(self):
        return self._frame[1]

    def __eq__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame == other._frame

    def __lt__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame < other._frame

    def __gt__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return other._frame < self._frame

    def __le__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return self._frame < other._frame or self._frame == other._frame

    def __ge__(self, other):
        if not isinstance(other, Frame):
            return NotImplemented
        return other._frame < self._frame or self._frame == other._frame

    def __hash__(self):
        return hash(self._frame)

    def __str__(self):
        return "%s:%s" % (self.filename, self.lineno)

    def __repr__(self):
        return "<Frame filename=%r lineno=%r>" % (self.filename, self.lineno)


class Traceback:
    __slots__ = ("_frames", '_total_nframe')

    def __init__(self, frames, total_nframe=None):
        self._frames = tuple(reversed(frames))
        self._total_nframe = total_nframe

    @property
    def total_nframe(self):
        return self._total_nframe

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple([Frame(trace) for trace in self._frames[index]])
        else:
            return Frame(self._frames[index])

    def __iter__(self):
        return iter([Frame(trace) for trace in self._frames])

    def __reversed__(self):
        return iter([Frame(trace) for trace in reversed(self._frames)])

    def __contains__(self, frame):
        return frame._frame in self._frames

    def index(self, frame):
        return self._frames.index(frame._frame)

    def count(self, frame):
        return self._frames.count(frame._frame)

    def __hash__(self):
        return hash(self._frames)

    def __eq__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames == other._frames

    def __lt__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames < other._frames

    def __gt__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return other._frames < self._frames

    def __le__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return self._frames < other._frames or self._frames == other._frames

    def __ge__(self, other):
        if not isinstance(other, Traceback):
            return NotImplemented
        return other._frames < self._frames or self._frames == other._frames

    def __str__(self):
        return str(self[0])

    def __repr__(self):
        s = f"<Traceback {tuple(self)}"
        if self._total_nframe is None:
            s += ">"
        else:
            s += f" total_nframe={self.total_nframe}>"
        return s

    def format(self, limit=None, most_recent_first=False):
        lines = []
        if limit is not None:
            if limit > 0:
                frame_slice = self[-limit:]
            else:
                frame_slice = self[:limit]
        else:
            frame_slice = list(self)

        if most_recent_first:
            frame_slice = reversed(frame_slice)
        for frame in frame_slice:
            lines.append('  File "%s", line %s'
                         % (frame.filename, frame.lineno))
            line = _getline(frame.filename, frame.lineno).strip()
            if line:
                lines.append('    %s' % line)
        return lines


def get_object_traceback(obj):
    frames = _get_object_traceback(obj)
    if frames is not None:
        return Traceback(frames)
    else:
        return None


class Trace:
    __slots__ = ("_trace",)

    def __init__(self, trace):
        self._trace = trace

    @property
    def domain(self):
        return self._trace[0]

    @property
    def size(self):
        return self._trace[1]

    @property
    def traceback(self):
        return Traceback(self._trace[2], self._trace[3])

    def __eq__(self, other):
        if not isinstance(other, Trace):
            return NotImplemented
        return self._trace == other._trace

    def __hash__(self):
        return hash(self._trace)

    def __str__(self):
        return "%s: %s" % (self.traceback, _format_size(self.size, False))

    def __repr__(self):
        return ("<Trace domain=%s size=%s, traceback=%r>"
                % (self.domain, _format_size(self.size, False), self.traceback))


class _Traces:
    def __init__(self, traces):
        self._traces = traces

    def __len__(self):
        return len(self._traces)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple([Trace(trace) for trace in self._traces[index]])
        else:
            return Trace(self._traces[index])

    def __iter__(self):
        return iter([Trace(trace) for trace in self._traces])

    def __contains__(self, trace):
        return trace._trace in self._traces

    def __eq__(self, other):
        if not isinstance(other, _Traces):
            return NotImplemented
        return self._traces == other._traces

    def __repr__(self):
        return "<Traces len=%s>" % len(self)


def _normalize_filename(filename):
    if filename.endswith('.pyc'):
        filename = filename[:-1]
    return filename


class BaseFilter:
    def __init__(self, inclusive):
        self.inclusive = inclusive

    def _match(self, trace):
        raise NotImplementedError


class Filter(BaseFilter):
    def __init__(self, inclusive, filename_pattern,
                 lineno=None, all_frames=False, domain=None):
        super().__init__(inclusive)
        self.inclusive = inclusive
        self._filename_pattern = _normalize_filename(filename_pattern)
        self.lineno = lineno
        self.all_frames = all_frames
        self.domain = domain

    @property
    def filename_pattern(self):
        return self._filename_pattern

    def _match_frame_impl(self, filename, lineno):
        filename = _normalize_filename(filename)
        if not _fnmatch(filename, self._filename_pattern):
            return False
        if self.lineno is None:
            return True
        else:
            return (lineno == self.lineno)

    def _match_frame(self, filename, lineno):
        return self._match_frame_impl(filename, lineno) ^ (not self.inclusive)

    def _match_traceback(self, traceback):
        if self.all_frames:
            for filename, lineno in traceback:
                if self._match_frame_impl(filename, lineno):
                    return self.inclusive
            return (not self.inclusive)
        else:
            filename, lineno = traceback[0]
            return self._match_frame(filename, lineno)

    def _match(self, trace):
        domain, size, traceback, total_nframe = trace
        res = self._match_traceback(traceback)
        if self.domain is not None:
            if self.inclusive:
                return res and (domain == self.domain)
            else:
                return res or (domain != self.domain)
        return res


class DomainFilter(BaseFilter):
    def __init__(self, inclusive, domain):
        super().__init__(inclusive)
        self._domain = domain

    @property
    def domain(self):
        return self._domain

    def _match(self, trace):
        domain, size, traceback, total_nframe = trace
        return (domain == self.domain) ^ (not self.inclusive)


class Snapshot:
    def __init__(self, traces, traceback_limit):
        self.traces = _Traces(traces)
        self.traceback_limit = traceback_limit

    def dump(self, filename):
        raise NotImplementedError("refpy cannot pickle a snapshot")

    @staticmethod
    def load(filename):
        raise NotImplementedError("refpy cannot unpickle a snapshot")

    def _filter_trace(self, include_filters, exclude_filters, trace):
        if include_filters:
            found = False
            for trace_filter in include_filters:
                if trace_filter._match(trace):
                    found = True
                    break
            if not found:
                return False
        if exclude_filters:
            for trace_filter in exclude_filters:
                if not trace_filter._match(trace):
                    return False
        return True

    def filter_traces(self, filters):
        if not isinstance(filters, (list, tuple, set, frozenset, dict)):
            raise TypeError("filters must be a list of filters, not %s"
                            % type(filters).__name__)
        if filters:
            include_filters = []
            exclude_filters = []
            for trace_filter in filters:
                if trace_filter.inclusive:
                    include_filters.append(trace_filter)
                else:
                    exclude_filters.append(trace_filter)
            new_traces = [trace for trace in self.traces._traces
                          if self._filter_trace(include_filters,
                                                exclude_filters,
                                                trace)]
        else:
            new_traces = self.traces._traces.copy()
        return Snapshot(new_traces, self.traceback_limit)

    def _group_by(self, key_type, cumulative):
        if key_type not in ('traceback', 'filename', 'lineno'):
            raise ValueError("unknown key_type: %r" % (key_type,))
        if cumulative and key_type not in ('lineno', 'filename'):
            raise ValueError("cumulative mode cannot by used "
                             "with key type %r" % key_type)

        stats = {}
        tracebacks = {}
        if not cumulative:
            for trace in self.traces._traces:
                domain, size, trace_traceback, total_nframe = trace
                try:
                    traceback = tracebacks[trace_traceback]
                except KeyError:
                    if key_type == 'traceback':
                        frames = trace_traceback
                    elif key_type == 'lineno':
                        frames = trace_traceback[:1]
                    else:
                        frames = ((trace_traceback[0][0], 0),)
                    traceback = Traceback(frames)
                    tracebacks[trace_traceback] = traceback
                try:
                    stat = stats[traceback]
                    stat.size += size
                    stat.count += 1
                except KeyError:
                    stats[traceback] = Statistic(traceback, size, 1)
        else:
            for trace in self.traces._traces:
                domain, size, trace_traceback, total_nframe = trace
                for frame in trace_traceback:
                    try:
                        traceback = tracebacks[frame]
                    except KeyError:
                        if key_type == 'lineno':
                            frames = (frame,)
                        else:
                            frames = ((frame[0], 0),)
                        traceback = Traceback(frames)
                        tracebacks[frame] = traceback
                    try:
                        stat = stats[traceback]
                        stat.size += size
                        stat.count += 1
                    except KeyError:
                        stats[traceback] = Statistic(traceback, size, 1)
        return stats

    def statistics(self, key_type, cumulative=False):
        grouped = self._group_by(key_type, cumulative)
        statistics = list(grouped.values())
        statistics.sort(reverse=True, key=Statistic._sort_key)
        return statistics

    def compare_to(self, old_snapshot, key_type, cumulative=False):
        new_group = self._group_by(key_type, cumulative)
        old_group = old_snapshot._group_by(key_type, cumulative)
        statistics = _compare_grouped_stats(old_group, new_group)
        statistics.sort(reverse=True, key=StatisticDiff._sort_key)
        return statistics


def take_snapshot():
    if not is_tracing():
        raise RuntimeError("the tracemalloc module must be tracing memory "
                           "allocations to take a snapshot")
    traces = _get_traces()
    traceback_limit = get_traceback_limit()
    return Snapshot(traces, traceback_limit)
"#;

#[cfg(test)]
mod tests {
    use super::glob_match;

    fn m(name: &str, pat: &str) -> bool {
        let n: Vec<char> = name.chars().collect();
        let p: Vec<char> = pat.chars().collect();
        glob_match(&n, &p)
    }

    #[test]
    fn fnmatch_patterns() {
        assert!(m("/tmp/a.py", "*.py"));
        assert!(m("<frozen importlib._bootstrap>", "<frozen*>"));
        assert!(!m("a.py", "*.pyc"));
        assert!(m("a1", "a[0-9]"));
        assert!(!m("ab", "a[!b]"));
        assert!(m("abc", "a?c"));
        assert!(m("x", "x"));
    }
}
