//! `os`: only what lessons need to clean up after themselves (`remove`, `path.exists`,
//! `getcwd`, `listdir`).

use crate::eval::{Args, Interp, PyResult};
use crate::heap::Ref;
use crate::modules::builtins::check_arity;

pub fn create(interp: &mut Interp) -> Ref {
    let m = interp.new_module("os");
    let d = interp.module_dict(&m);
    interp.add_function(&d, "remove", remove);
    interp.add_function(&d, "unlink", remove);
    interp.add_function(&d, "getcwd", getcwd);
    interp.add_function(&d, "listdir", listdir);
    let path = create_path(interp);
    let key = interp.intern("path");
    let _ = interp.dict_set(&d, key, path);
    let sep_key = interp.intern("sep");
    let sep = interp.new_str("/");
    let _ = interp.dict_set(&d, sep_key, sep);
    m
}

pub fn create_path(interp: &mut Interp) -> Ref {
    let key = interp.intern("os.path");
    let modules = interp.modules.clone();
    if let Some(m) = interp.dict_get_str(&modules, &key) {
        return m;
    }
    let m = interp.new_module("posixpath");
    let d = interp.module_dict(&m);
    interp.add_function(&d, "exists", exists);
    interp.add_function(&d, "isfile", isfile);
    interp.add_function(&d, "join", join);
    let _ = interp.dict_set(&modules, key, m.clone());
    m
}

fn path_arg(interp: &mut Interp, args: &Args, name: &str) -> PyResult<String> {
    check_arity(interp, name, args, 1, 1)?;
    match args.pos[0].as_str_opt() {
        Some(s) => Ok(s.to_string()),
        None => {
            let t = interp.type_name(&args.pos[0]);
            Err(interp.err(
                "TypeError",
                format!("{name}: path should be string, bytes or os.PathLike, not {t}"),
            ))
        }
    }
}

fn remove(interp: &mut Interp, args: Args) -> PyResult {
    let path = path_arg(interp, &args, "remove")?;
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(interp.none()),
        Err(e) => Err(crate::modules::io::os_error(interp, &e, &path)),
    }
}

fn exists(interp: &mut Interp, args: Args) -> PyResult {
    let path = path_arg(interp, &args, "exists")?;
    Ok(interp.bool(std::path::Path::new(&path).exists()))
}

fn isfile(interp: &mut Interp, args: Args) -> PyResult {
    let path = path_arg(interp, &args, "isfile")?;
    Ok(interp.bool(std::path::Path::new(&path).is_file()))
}

fn join(interp: &mut Interp, args: Args) -> PyResult {
    let mut out = String::new();
    for a in args.pos {
        let part = a.as_str_opt().unwrap_or("");
        if part.starts_with('/') {
            out = part.to_string();
        } else {
            if !out.is_empty() && !out.ends_with('/') {
                out.push('/');
            }
            out.push_str(part);
        }
    }
    Ok(interp.new_string(out))
}

fn getcwd(interp: &mut Interp, _args: Args) -> PyResult {
    let cwd = std::env::current_dir()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    Ok(interp.new_string(cwd))
}

fn listdir(interp: &mut Interp, args: Args) -> PyResult {
    let path = match args.pos.first() {
        Some(p) => p.as_str_opt().unwrap_or(".").to_string(),
        None => ".".into(),
    };
    let mut names: Vec<String> = match std::fs::read_dir(&path) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect(),
        Err(e) => return Err(crate::modules::io::os_error(interp, &e, &path)),
    };
    names.sort();
    let items = names.iter().map(|n| interp.new_str(n)).collect();
    Ok(interp.new_list(items))
}
