//! Encrypted backups: the passphrase asked on the terminal and in the TUI's backup dialog, what
//! a restore says when a key does not fit or an encrypted file is damaged, what was written.

use super::{L, pick};
use crate::model::counts::RecordCounts;
use crate::model::korean::{Particle, josa};

/// (Korean, English): a message an error carries in both languages.
pub type Both = (String, String);

pub const PASSPHRASE_PROMPT: L = L("백업 암호: ", "Backup passphrase: ");
pub const PASSPHRASE_AGAIN: L = L("한 번 더: ", "Once more: ");
pub const PASSPHRASE_RESTORE: L = L("백업 암호: ", "Backup passphrase: ");
pub const PASSPHRASE_MISMATCH: L = L(
    "두 번 쓴 암호가 다릅니다. 다시 쓰세요.",
    "The two passphrases differ. Type it again.",
);
pub const PASSPHRASE_EMPTY: L = L(
    "빈 암호로는 암호화하지 않습니다. 암호를 쓰세요 (암호 없이 쓰려면 --encrypt를 빼세요).",
    "An empty passphrase encrypts nothing. Type a passphrase (to write without one, leave out --encrypt).",
);

pub fn passphrase_empty_in(path: &str) -> Both {
    (
        format!(
            "암호 파일 {}의 첫 줄이 비어 있습니다. 빈 암호로는 암호화하지 않습니다. 첫 줄에 암호를 쓰세요.",
            path
        ),
        format!(
            "The first line of the passphrase file {path} is empty. An empty passphrase encrypts nothing. Put the passphrase on its first line."
        ),
    )
}

pub fn passphrase_file_unreadable(path: &str, why_ko: &str, why_en: &str) -> Both {
    (
        format!(
            "암호 파일 {} 읽지 못했습니다 ({why_ko}). 아무것도 바꾸지 않았습니다.",
            josa(path, Particle::EulReul)
        ),
        format!("Could not read the passphrase file {path} ({why_en}). Nothing was changed."),
    )
}

pub fn no_terminal_for_passphrase(path: &str) -> Both {
    (
        format!(
            "{path}: 암호를 물을 터미널이 없습니다. 아무것도 바꾸지 않았습니다. --passphrase-file 파일로 암호를 주세요."
        ),
        format!(
            "{path}: there is no terminal to ask for the passphrase. Nothing was changed. Give it with --passphrase-file FILE."
        ),
    )
}

pub fn wrong_passphrase(path: &str) -> Both {
    (
        format!(
            "암호가 맞지 않습니다: {path} — 아무것도 바꾸지 않았습니다. 백업할 때 쓴 암호로 다시 해 보세요."
        ),
        format!(
            "Wrong passphrase for {path} — nothing was changed. Try again with the passphrase the backup was written with."
        ),
    )
}

pub fn wrong_identity(path: &str, identity: &str) -> Both {
    (
        format!(
            "키 파일 {identity}의 키로는 {} 풀 수 없습니다. 아무것도 바꾸지 않았습니다. 백업할 때 쓴 수신자 키(age1…)의 비밀 키 파일을 주세요.",
            josa(path, Particle::EulReul)
        ),
        format!(
            "No key in {identity} opens {path}. Nothing was changed. Give the secret key file of the recipient (age1…) the backup was written for."
        ),
    )
}

pub fn needs_identity(path: &str) -> Both {
    (
        format!(
            "{} 암호가 아니라 수신자 키(age1…)로 암호화되었습니다. 아무것도 바꾸지 않았습니다. --identity 키-파일을 주세요.",
            josa(path, Particle::EunNeun)
        ),
        format!(
            "{path} is encrypted to a recipient key (age1…), not a passphrase. Nothing was changed. Give --identity KEY-FILE."
        ),
    )
}

pub fn needs_passphrase(path: &str) -> Both {
    (
        format!(
            "{} 암호로 암호화되었습니다. 아무것도 바꾸지 않았습니다. --identity 대신 암호를 주세요 (터미널에서, 또는 --passphrase-file).",
            josa(path, Particle::EunNeun)
        ),
        format!(
            "{path} is encrypted with a passphrase. Nothing was changed. Give the passphrase instead of --identity (at the terminal, or with --passphrase-file)."
        ),
    )
}

pub fn not_encrypted_key_given(path: &str) -> Both {
    (
        format!(
            "{} 암호화되지 않은 백업입니다. 아무것도 바꾸지 않았습니다. --passphrase-file이나 --identity 없이 복원하세요.",
            josa(path, Particle::EunNeun)
        ),
        format!(
            "{path} is not an encrypted backup. Nothing was changed. Restore it without --passphrase-file or --identity."
        ),
    )
}

pub fn encrypted_damaged(path: &str) -> Both {
    (
        format!(
            "암호화된 백업 파일 {} 손상되었거나 잘렸습니다. 아무것도 바꾸지 않았습니다. 다른 백업 파일로 복원하세요.",
            josa(path, Particle::IGa)
        ),
        format!(
            "The encrypted backup file {path} is damaged or cut short. Nothing was changed. Restore from another backup file."
        ),
    )
}

pub fn too_much_work(path: &str, log_n: u8, max: u8) -> Both {
    (
        format!(
            "{}의 암호 작업량(2^{log_n})이 netday가 받아들이는 한도(2^{max})를 넘습니다. 아무것도 바꾸지 않았습니다. netday로 만든 백업을 고르세요.",
            path
        ),
        format!(
            "{path} asks for more passphrase work (2^{log_n}) than netday accepts (2^{max}). Nothing was changed. Choose a backup written by netday."
        ),
    )
}

pub fn too_large(path: &str) -> Both {
    (
        format!(
            "{} 풀면 파일보다 커집니다: 손상된 파일입니다. 아무것도 바꾸지 않았습니다.",
            josa(path, Particle::EulReul)
        ),
        format!("{path} decrypts to more than the file holds: it is damaged. Nothing was changed."),
    )
}

pub fn bad_recipient(key: &str) -> Both {
    (
        format!(
            "수신자 키가 아닙니다: {key} — age1로 시작하는 age 공개 키를 주세요 (age-keygen -y 키-파일로 볼 수 있습니다)."
        ),
        format!(
            "Not a recipient key: {key} — give an age public key starting with age1 (age-keygen -y KEY-FILE shows it)."
        ),
    )
}

pub fn bad_identity_file(path: &str) -> Both {
    (
        format!(
            "{}에서 age 비밀 키(AGE-SECRET-KEY-1…)를 찾지 못했습니다. 아무것도 바꾸지 않았습니다. age-keygen이 만든 키 파일을 주세요.",
            path
        ),
        format!(
            "No age secret key (AGE-SECRET-KEY-1…) found in {path}. Nothing was changed. Give a key file made by age-keygen."
        ),
    )
}

pub fn encrypt_failed(path: &str, why_ko: &str, why_en: &str) -> Both {
    (
        format!(
            "{} 암호화해 쓰지 못했습니다 ({why_ko}). 파일은 만들지 않았습니다.",
            josa(path, Particle::EulReul)
        ),
        format!("Could not write {path} encrypted ({why_en}). No file was made."),
    )
}

/// After `netday backup --encrypt` and the TUI's backup: what was written and how it is locked.
pub fn encrypted_backup_written(path: &str, c: &RecordCounts, recipient: bool) -> String {
    let contents = super::backup_contents(c);
    if recipient {
        pick(
            format!("수신자 키로 암호화한 백업을 썼습니다: {path} ({contents})"),
            format!("Backup written encrypted to a recipient key: {path} ({contents})"),
        )
    } else {
        pick(
            format!("암호로 잠근 백업을 썼습니다: {path} ({contents})"),
            format!("Backup written, locked with a passphrase: {path} ({contents})"),
        )
    }
}

/// The TUI's status line after a backup written without a passphrase.
pub fn plain_backup_written(path: &str, c: &RecordCounts) -> String {
    let contents = super::backup_contents(c);
    pick(
        format!("암호 없이 백업을 썼습니다: {path} ({contents})"),
        format!("Backup written without a passphrase: {path} ({contents})"),
    )
}

// The TUI's backup dialog.
pub const BACKUP_TITLE: L = L("백업 쓰기", "Write a backup");
pub const BACKUP_PATH: L = L("파일", "File");
pub const BACKUP_PASSPHRASE: L = L("암호", "Passphrase");
pub const BACKUP_AGAIN: L = L("한 번 더", "Once more");
pub const BACKUP_NO_PASSPHRASE: L = L("암호 없이", "No passphrase");
pub const BACKUP_MODE_LOCKED: L = L("암호로 잠금", "Lock with a passphrase");
pub const BACKUP_HINT: L = L(
    "Tab 다음 칸 · F2 암호 없이/암호로 잠금 · Enter 쓰기 · Esc 닫기",
    "Tab next field · F2 no passphrase/lock · Enter write · Esc close",
);
pub const BACKUP_PLAIN_WARNING: L = L(
    "암호 없이 쓴 백업은 파일을 가진 누구나 읽을 수 있습니다.",
    "A backup without a passphrase can be read by anyone who has the file.",
);
pub const BACKUP_NEED_PATH: L = L("파일 경로를 쓰세요.", "Type a file path.");
pub const BACKUP_EMPTY_PASSPHRASE: L = L(
    "암호를 쓰세요. 암호 없이 쓰려면 F2를 누르세요.",
    "Type a passphrase. To write without one, press F2.",
);
pub const ACTION_WRITE_BACKUP: (Option<L>, L) = (
    Some(L("백업", "backup")),
    L(
        "전체를 백업 파일로 쓰기 (암호로 잠그거나 암호 없이)",
        "Write a backup of everything (locked with a passphrase, or without one)",
    ),
);
pub const ACTION_NO_PASSPHRASE: (Option<L>, L) = (
    Some(L("암호 없이", "no passphrase")),
    L(
        "백업: 암호 없이 쓰기 / 다시 암호로 잠그기",
        "Backup: write without a passphrase / lock with one again",
    ),
);
