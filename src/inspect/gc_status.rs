//! `:gc`: the collector's state in one table — what `gc.isenabled()`, `gc.get_count()`,
//! `gc.get_threshold()`, `gc.get_freeze_count()` and `gc.get_stats()` would print, plus
//! the objects in each generation and the last few collections, so a learner can watch
//! generation 0 fill up and see what a collection found.

use crate::heap::gc::{self, Trigger, NUM_GENERATIONS};

pub fn render() -> String {
    let (enabled, counts, thresholds, stats) =
        gc::with_state(|g| (g.enabled, g.counts, g.thresholds, g.stats));
    let sizes = gc::list_sizes();
    let mut out = format!(
        "gc: {}\n",
        if enabled {
            "enabled"
        } else {
            "disabled (gc.disable())"
        }
    );
    let header = [
        "generation",
        "count",
        "threshold",
        "objects",
        "collections",
        "collected",
        "uncollectable",
    ];
    let mut rows: Vec<[String; 7]> = Vec::new();
    for g in 0..NUM_GENERATIONS {
        rows.push([
            g.to_string(),
            counts[g].to_string(),
            thresholds[g].to_string(),
            sizes[g].to_string(),
            stats[g].collections.to_string(),
            stats[g].collected.to_string(),
            stats[g].uncollectable.to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..7)
        .map(|c| {
            rows.iter()
                .map(|r| r[c].len())
                .chain(std::iter::once(header[c].len()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[&str]| -> String {
        let mut s = String::from(" ");
        for (c, cell) in cells.iter().enumerate() {
            if c == 0 {
                s.push_str(&format!(" {cell:<w$}", w = widths[c]));
            } else {
                s.push_str(&format!("  {cell:>w$}", w = widths[c]));
            }
        }
        s.push('\n');
        s
    };
    out.push_str(&line(&header));
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        out.push_str(&line(&cells));
    }
    out.push_str(
        "  (count: generation 0 = gc objects allocated minus freed since its last collection;\n   \
         older generations = collections of the next younger one since their last)\n",
    );
    out.push_str(&format!(
        "permanent generation (gc.freeze()): {} object{}\n",
        sizes[3],
        if sizes[3] == 1 { "" } else { "s" }
    ));
    let recent = gc::recent_collections();
    if recent.is_empty() {
        out.push_str("no collection has run yet\n");
    } else {
        out.push_str("recent collections (oldest first):\n");
        for r in recent {
            let why = match r.trigger {
                Trigger::Automatic => "automatic",
                Trigger::Explicit => "gc.collect()",
                Trigger::Shutdown => "shutdown",
            };
            out.push_str(&format!(
                "  #{} generation {} · {why} · {} collected · {} uncollectable · {} objects alive after\n",
                r.number, r.generation, r.collected, r.uncollectable, r.live_after
            ));
        }
    }
    out
}
