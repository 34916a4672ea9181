//! Every user-facing string, Korean first, English alongside.

use std::cell::Cell;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ko,
    En,
}

impl Lang {
    /// `--lang` wins; otherwise the locale of the environment ([`Lang::from_locale`]).
    pub fn detect(flag: Option<&str>) -> Lang {
        if let Some(f) = flag {
            return if f.to_lowercase().starts_with("en") {
                Lang::En
            } else {
                Lang::Ko
            };
        }
        let var = |name| std::env::var(name).ok();
        Lang::from_locale(var("LC_ALL"), var("LC_MESSAGES"), var("LANG"))
    }

    /// Korean by default; English only when the locale names another language. The first of
    /// LC_ALL, LC_MESSAGES and LANG that is set and not empty decides, as for any program's
    /// messages; a locale that names no language (`C`, `C.UTF-8`, `POSIX`) is no preference,
    /// so Korean.
    pub fn from_locale(
        lc_all: Option<String>,
        lc_messages: Option<String>,
        lang: Option<String>,
    ) -> Lang {
        let Some(locale) = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty())
        else {
            return Lang::Ko;
        };
        // `ko_KR.UTF-8`, `ko.UTF-8`, `ko@…`: the language is what comes before `_`, `.` or `@`.
        let language = locale
            .split(['_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match language.as_str() {
            "ko" | "c" | "posix" => Lang::Ko,
            _ => Lang::En,
        }
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::Ko) };
}

/// Sets the language of this thread: the binary sets it once at start-up on the thread that
/// draws; each test sets its own without touching tests running beside it.
pub fn set_lang(l: Lang) {
    CURRENT.with(|c| c.set(l));
}
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// Runs `f` with this thread in language `l`, then puts the previous language back (also when
/// `f` panics).
pub fn with_lang<R>(l: Lang, f: impl FnOnce() -> R) -> R {
    struct Restore(Lang);
    impl Drop for Restore {
        fn drop(&mut self) {
            set_lang(self.0);
        }
    }
    let _restore = Restore(lang());
    set_lang(l);
    f()
}

/// A string in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct L(pub &'static str, pub &'static str);

impl L {
    pub fn get(self) -> &'static str {
        self.in_lang(lang())
    }
    pub fn in_lang(self, l: Lang) -> &'static str {
        match l {
            Lang::Ko => self.0,
            Lang::En => self.1,
        }
    }
}

impl std::fmt::Display for L {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.get())
    }
}

/// Picks the Korean or English text of an already-formatted pair.
pub fn pick(ko: String, en: String) -> String {
    match lang() {
        Lang::Ko => ko,
        Lang::En => en,
    }
}

mod backup;
mod cli;
mod consent;
mod desk;
mod exchange;
mod history;
mod ideas;
mod import;
mod keys;
mod labels;
mod meeting;
mod people;
mod person;
mod print;
mod privacy;
mod shell;
mod sync;

pub use backup::*;
pub use cli::*;
pub use consent::*;
pub use desk::*;
pub use exchange::*;
pub use history::*;
pub use ideas::*;
pub use import::*;
pub use keys::*;
pub use labels::*;
pub use meeting::*;
pub use people::*;
pub use person::*;
pub use print::*;
pub use privacy::*;
pub use shell::*;
pub use sync::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_unless_the_locale_names_another_language() {
        let s = |v: &str| Some(v.to_string());
        for (lc_all, lc_messages, lang, want) in [
            (None, None, None, Lang::Ko),
            (None, None, s("ko_KR.UTF-8"), Lang::Ko),
            (None, None, s("ko_KR.eucKR"), Lang::Ko),
            (None, None, s("ko"), Lang::Ko),
            // No language named: no preference.
            (None, None, s("C.UTF-8"), Lang::Ko),
            (None, None, s("C"), Lang::Ko),
            (None, None, s("POSIX"), Lang::Ko),
            (None, None, s("c.utf8"), Lang::Ko),
            (None, None, s(""), Lang::Ko),
            (None, None, s("en_US.UTF-8"), Lang::En),
            (None, None, s("en_GB"), Lang::En),
            (None, None, s("de_DE.UTF-8"), Lang::En),
            // Konkani is not Korean.
            (None, None, s("kok_IN"), Lang::En),
            // The first one set decides, as for any program's messages.
            (s("C.UTF-8"), None, s("en_US.UTF-8"), Lang::Ko),
            (s("en_US.UTF-8"), None, s("ko_KR.UTF-8"), Lang::En),
            (None, s("ko_KR.UTF-8"), s("en_US.UTF-8"), Lang::Ko),
            (s(""), s(""), s("en_US.UTF-8"), Lang::En),
        ] {
            assert_eq!(
                Lang::from_locale(lc_all.clone(), lc_messages.clone(), lang.clone()),
                want,
                "LC_ALL={lc_all:?} LC_MESSAGES={lc_messages:?} LANG={lang:?}"
            );
        }
    }

    #[test]
    fn list_file_dialogs_do_not_say_csv_alone_now_that_they_write_xlsx() {
        for l in [
            ACTION_IMPORT_PEOPLE.1,
            ACTION_EXPORT_PEOPLE.1,
            IMPORT_TITLE,
            EXPORT_TITLE,
        ] {
            for text in [l.0, l.1] {
                assert!(
                    !text.contains("CSV") || text.contains("Excel"),
                    "{text} names CSV but not Excel"
                );
            }
        }
    }

    #[test]
    fn the_flag_wins() {
        assert_eq!(Lang::detect(Some("en")), Lang::En);
        assert_eq!(Lang::detect(Some("ko")), Lang::Ko);
    }

    #[test]
    fn each_thread_speaks_its_own_language() {
        // Both threads have set their language before either reads it.
        let both_set = std::sync::Barrier::new(2);
        let speak = |l: Lang| {
            set_lang(l);
            both_set.wait();
            (lang(), SCREEN_PEOPLE.get(), people_count(3))
        };
        let (ko, en) = std::thread::scope(|s| {
            let ko = s.spawn(|| speak(Lang::Ko));
            let en = s.spawn(|| speak(Lang::En));
            (ko.join(), en.join())
        });
        assert_eq!(ko.ok(), Some((Lang::Ko, "명단", "3명".to_string())));
        assert_eq!(en.ok(), Some((Lang::En, "People", "3 people".to_string())));
    }

    #[test]
    fn with_lang_puts_the_language_back_even_after_a_panic() {
        set_lang(Lang::Ko);
        assert_eq!(with_lang(Lang::En, || APP.get()), "netday networking day");
        assert_eq!(lang(), Lang::Ko);
        let panicked =
            std::panic::catch_unwind(|| with_lang(Lang::En, || panic!("drawing failed")));
        assert!(panicked.is_err());
        assert_eq!(lang(), Lang::Ko);
    }
}
