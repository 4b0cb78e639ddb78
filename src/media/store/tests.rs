//! The media store's tests: entries made once, races, removal, a disabled store.

use super::*;

#[test]
fn keys_separate_parts() {
    assert_ne!(MediaKey::of(&[b"ab", b"c"]), MediaKey::of(&[b"a", b"bc"]));
    assert_eq!(MediaKey::of(&[b"x"]), MediaKey::of(&[b"x"]));
    assert_eq!(MediaKey::of(&[b"x"]).hex().len(), 32);
}

#[test]
fn an_entry_is_made_once_and_then_linked() {
    let dir = tempfile::tempdir().unwrap();
    let store = MediaStore::open(dir.path());
    let key = MediaKey::of(&[b"photo", b"800w"]);
    let out = dir.path().join("out");
    let folder = Folder::create(out.clone()).unwrap();
    for name in ["a.webp", "b.webp", "a.webp"] {
        store
            .place(key, "webp", (&folder, name), || Ok(b"pixels".to_vec()))
            .unwrap();
    }
    let again = store.bytes(key, "webp", || panic!("made twice")).unwrap();
    assert_eq!(again, b"pixels");
    assert_eq!((store.made(), store.reused()), (1, 3));
    assert_eq!(std::fs::read(out.join("b.webp")).unwrap(), b"pixels");
}

#[test]
fn a_store_removed_while_open_is_made_again_and_then_found() {
    let dir = tempfile::tempdir().unwrap();
    let store = MediaStore::open(dir.path());
    let key = MediaKey::of(&[b"photo"]);
    let folder = Folder::create(dir.path().join("out")).unwrap();
    let make = || Ok(b"pixels".to_vec());
    store.place(key, "webp", (&folder, "a.webp"), make).unwrap();
    // The shard's folder is open now; `serve` keeps it while the user deletes it.
    std::fs::remove_dir_all(dir.path().join(DIR)).unwrap();
    store.place(key, "webp", (&folder, "b.webp"), make).unwrap();
    store.place(key, "webp", (&folder, "c.webp"), make).unwrap();
    assert_eq!((store.made(), store.reused()), (2, 1));
    assert_eq!(std::fs::read(folder.path("c.webp")).unwrap(), b"pixels");
}

#[test]
fn a_disabled_store_makes_every_time_and_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = MediaStore::disabled();
    let key = MediaKey::of(&[b"card"]);
    for _ in 0..2 {
        assert_eq!(store.bytes(key, "png", || Ok(vec![1])).unwrap(), [1]);
    }
    let folder = Folder::create(dir.path().to_path_buf()).unwrap();
    store
        .place(key, "png", (&folder, "c.png"), || Ok(vec![2]))
        .unwrap();
    assert_eq!((store.made(), store.reused()), (3, 0));
    assert!(!dir.path().join(DIR).exists());
}

#[test]
fn threads_making_the_same_entry_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let store = MediaStore::open(dir.path());
    let key = MediaKey::of(&[b"the same picture twice"]);
    let out = dir.path().join("out");
    let folder = Folder::create(out.clone()).unwrap();
    let barrier = std::sync::Barrier::new(8);
    std::thread::scope(|s| {
        for t in 0..8 {
            let (store, folder, barrier) = (&store, &folder, &barrier);
            s.spawn(move || {
                let name = format!("{t}.webp");
                store
                    .place(key, "webp", (folder, &name), || {
                        barrier.wait();
                        Ok(vec![7; 4096])
                    })
                    .unwrap();
            });
        }
    });
    assert_eq!(store.made(), 8, "all made at once, none found made");
    for t in 0..8 {
        assert_eq!(
            std::fs::read(out.join(format!("{t}.webp"))).unwrap(),
            [7; 4096]
        );
    }
}

#[test]
fn a_failed_make_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = MediaStore::open(dir.path());
    let key = MediaKey::of(&[b"corrupt"]);
    let err = store.bytes(key, "png", || {
        Err(Error::io(
            "decoding",
            dir.path(),
            std::io::Error::other("bad image"),
        ))
    });
    assert!(err.is_err());
    assert!(!store.path(key, "png").unwrap().exists());
}
