//! Story pictures: lead and body images resized into WebP and fallback variants at
//! build time, shown as `<picture>`s with `srcset`, `sizes`, `width` and `height`,
//! kept in the media store across builds, and refused with a line when they are
//! missing, corrupt or too large to decode. Every fixture image is made here.

use std::io::Cursor;

use image::{ImageEncoder, ImageFormat};

use crate::harness::{Site, attrs};

const STORY: &str = "content/2026/2026-07-05-deepmind-a24.md";

/// A photo-like JPEG (a gradient with texture).
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        let n = ((x * 7 + y * 13) % 17) as u8;
        image::Rgb([(x % 256) as u8 ^ n, (y % 256) as u8, 128u8.wrapping_add(n)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(&img, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// A PNG with transparency.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([x as u8, y as u8, 200, if x < width / 2 { 255 } else { 90 }])
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&img, width, height, image::ExtendedColorType::Rgba8)
        .unwrap();
    out
}

/// A JPEG whose EXIF says "rotate 90° clockwise to show" (orientation 6), stored
/// `width` × `height`.
/// What a variant's URL names, when it is one: its picture's name, width and
/// extension, from `…/images/<2 hex digits>/<name>-<14 hex digits>-<width>.<ext>`
/// (the digits are the picture's hash: the folder and the name share it).
pub fn variant_of(url: &str) -> Option<(&str, u32, &str)> {
    let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
    let (path, file) = url.rsplit_once('/')?;
    let folder = path.rsplit_once('/').map_or(path, |(_, f)| f);
    let (rest, ext) = file.rsplit_once('.')?;
    let (rest, width) = rest.rsplit_once('-')?;
    let (name, hash) = rest.rsplit_once('-')?;
    let under_images = path.ends_with(&format!("images/{folder}"));
    (under_images && hex(folder, 2) && hex(hash, 14)).then_some((name, width.parse().ok()?, ext))
}

fn turned_jpeg(width: u32, height: u32) -> Vec<u8> {
    let plain = jpeg(width, height);
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 1]); // one entry
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]); // Orientation = 6
    tiff.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = plain[..2].to_vec(); // SOI
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

/// A PNG header claiming `w` × `h` and nothing else (a few dozen bytes).
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut chunk = b"IHDR".to_vec();
    chunk.extend_from_slice(&w.to_be_bytes());
    chunk.extend_from_slice(&h.to_be_bytes());
    chunk.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut crc = !0u32;
    for &b in &chunk {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&13u32.to_be_bytes());
    bytes.extend_from_slice(&chunk);
    bytes.extend_from_slice(&(!crc).to_be_bytes());
    bytes
}

/// The fixture with a lead photo, a body PNG beside the story and an EXIF-turned
/// JPEG in the body.
fn site_with_pictures() -> Site {
    let site = Site::fixture("basic");
    site.write("static/img/lead.jpg", jpeg(1000, 650));
    site.write("content/2026/diagram.png", png(600, 400));
    site.write("static/img/turned.jpg", turned_jpeg(200, 100));
    let story = site_story(&site);
    let story = story.replacen(
        "featured: true\n",
        "featured: true\nimage: /img/lead.jpg\nimage_alt: \"The lab\"\n",
        1,
    );
    let story = story.replacen(
        "## What was announced",
        "![A diagram](diagram.png)\n\n![Turned](/img/turned.jpg)\n\n## What was announced",
        1,
    );
    site.write(STORY, story);
    site
}

fn site_story(site: &Site) -> String {
    std::fs::read_to_string(site.path(STORY)).unwrap()
}

fn article(site: &Site) -> String {
    site.files()
        .into_iter()
        .find(|f| f.starts_with("2026/07/05/") && f.ends_with("index.html"))
        .expect("the article page")
}

/// The picture file behind a URL of the page (the site's base path is `/`).
fn decoded(site: &Site, url: &str) -> (ImageFormat, u32, u32) {
    let rel = url.strip_prefix('/').expect("a site path");
    let bytes = std::fs::read(site.path("public").join(rel))
        .unwrap_or_else(|e| panic!("{url} is not a file of the site: {e}"));
    let format = image::guess_format(&bytes).unwrap();
    let img = image::load(Cursor::new(&bytes), format).unwrap();
    (format, img.width(), img.height())
}

/// Each `url NNNw` of a srcset, decoded: its format, and its width as the srcset says.
fn check_srcset(site: &Site, srcset: &str, format: ImageFormat) -> Vec<(u32, u32)> {
    srcset
        .split(", ")
        .map(|entry| {
            let (url, w) = entry.split_once(' ').unwrap();
            let said: u32 = w.trim_end_matches('w').parse().unwrap();
            let (f, width, height) = decoded(site, url);
            assert_eq!((f, width), (format, said), "{url}");
            (width, height)
        })
        .collect()
}

fn summary_row(out: &str, label: &str) -> usize {
    let line = out
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no {label} row in:\n{out}"));
    line.split_whitespace().last().unwrap().parse().unwrap()
}

#[test]
fn pictures_become_webp_and_fallback_variants_never_upscaled() {
    let site = site_with_pictures();
    site.build(&[]).ok();
    let page = site.html(&article(&site));
    let lead_img = "figure.story-image picture img";
    let src = attrs(&page, lead_img, "srcset").remove(0);
    let urls: Vec<&str> = src
        .split(", ")
        .map(|e| e.split(' ').next().unwrap())
        .collect();
    let named: Vec<_> = urls.iter().map(|u| variant_of(u)).collect();
    assert_eq!(
        named,
        [Some(("lead", 800, "jpg")), Some(("lead", 1000, "jpg"))]
    );
    let folder_and_hash = |u: &str| {
        let (folder, file) = u.rsplit_once('/').unwrap();
        (
            folder.to_owned(),
            file.split('-').nth(1).unwrap().to_owned(),
        )
    };
    assert_eq!(folder_and_hash(urls[0]), folder_and_hash(urls[1]));
    assert_eq!(
        check_srcset(&site, &src, ImageFormat::Jpeg),
        [(800, 520), (1000, 650)],
        "beside WebP, the JPEG is made where emails (≥ 600) and shared links (≥ 1200, \
         else the widest) show it"
    );
    let webp = attrs(
        &page,
        "figure.story-image source[type='image/webp']",
        "srcset",
    )
    .remove(0);
    assert_eq!(
        check_srcset(&site, &webp, ImageFormat::WebP),
        [(480, 312), (800, 520), (1000, 650)],
        "the configured widths under 1000, then 1000 itself"
    );
    assert_eq!(attrs(&page, lead_img, "width"), ["1000"]);
    assert_eq!(attrs(&page, lead_img, "height"), ["650"]);
    assert_eq!(attrs(&page, lead_img, "fetchpriority"), ["high"]);
    assert!(
        attrs(&page, lead_img, "loading").is_empty(),
        "the lead is not lazy"
    );
    let (format, w, _) = decoded(&site, &attrs(&page, lead_img, "src")[0]);
    assert_eq!((format, w), (ImageFormat::Jpeg, 1000));

    // The body's PNG keeps PNG (and its transparency) as the fallback.
    let body_imgs = ".article-body picture img";
    assert_eq!(attrs(&page, body_imgs, "loading"), ["lazy", "lazy"]);
    assert_eq!(attrs(&page, body_imgs, "alt"), ["A diagram", "Turned"]);
    let png_set = attrs(&page, body_imgs, "srcset").remove(0);
    assert_eq!(
        check_srcset(&site, &png_set, ImageFormat::Png),
        [(600, 400)]
    );
    let bytes = std::fs::read(
        site.path("public")
            .join(png_set.split(' ').next().unwrap().trim_start_matches('/')),
    )
    .unwrap();
    assert!(image::load_from_memory(&bytes).unwrap().color().has_alpha());
    // The EXIF-turned JPEG, stored 200 × 100, is shown upright: 100 × 200.
    assert_eq!(attrs(&page, body_imgs, "width")[1], "100");
    assert_eq!(attrs(&page, body_imgs, "height")[1], "200");
    let turned = attrs(&page, body_imgs, "src").remove(1);
    assert_eq!(decoded(&site, &turned), (ImageFormat::Jpeg, 100, 200));

    // Cards show a small thumbnail with its size. This story is the first editor's
    // pick, the home page's first card: its thumbnail is fetched at once, as the
    // largest thing on screen; on the pages of stories related to it, lazily.
    let home = site.html("index.html");
    let thumb = attrs(&home, "img.card-image", "src");
    assert_eq!(thumb.len(), 1, "one story has a picture");
    assert_eq!(decoded(&site, &thumb[0]), (ImageFormat::WebP, 480, 312));
    assert_eq!(attrs(&home, "img.card-image", "width"), ["480"]);
    assert_eq!(attrs(&home, "img.card-image", "fetchpriority"), ["high"]);
    assert!(attrs(&home, "img.card-image", "loading").is_empty());
    let related: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| {
            f.ends_with("index.html") && f.starts_with("2026/07/0") && !f.starts_with("2026/07/05/")
        })
        .filter(|f| !attrs(&site.html(f), "img.card-image", "src").is_empty())
        .collect();
    assert!(!related.is_empty(), "a story related to it shows its card");
    for page in related {
        assert_eq!(
            attrs(&site.html(&page), "img.card-image", "loading"),
            ["lazy"],
            "{page}"
        );
    }
}

/// Only the first card of a page leads: on the home page with several pictures,
/// the first card's thumbnail has `fetchpriority="high"` and every other one is lazy.
#[test]
fn only_the_first_card_of_a_page_is_fetched_at_once() {
    let site = Site::fixture("basic");
    site.write("static/img/a.jpg", jpeg(800, 500));
    for story in [
        "content/2026/2026-07-03-escape.md",
        "content/2026/2026-07-03-societe.md",
        STORY,
    ] {
        let text = std::fs::read_to_string(site.path(story)).unwrap();
        site.write(
            story,
            text.replacen("\ncategory:", "\nimage: /img/a.jpg\ncategory:", 1),
        );
    }
    site.build(&[]).ok();
    let home = site.html("index.html");
    let shown = |attr| attrs(&home, "img.card-image", attr);
    assert_eq!(shown("src").len(), 3, "three cards with pictures");
    assert_eq!(shown("fetchpriority"), ["high"]);
    assert_eq!(shown("loading"), ["lazy", "lazy"]);
    let first = home
        .select(&scraper::Selector::parse("img.card-image").unwrap())
        .next()
        .unwrap();
    assert_eq!(
        first.value().attr("fetchpriority"),
        Some("high"),
        "the first one"
    );
}

#[test]
fn a_second_build_encodes_nothing_even_into_an_empty_output() {
    let site = site_with_pictures();
    let first = site.build(&[]).ok().stdout();
    // In WebP, lead: 3 widths, diagram: 2, the turned one: 1; in their own format,
    // the widths emails and shared links show: 2, 1 and 1.
    assert_eq!(summary_row(&first, "Picture files"), 10);
    assert_eq!(summary_row(&first, "encoded now"), 10);
    let again = site.build(&[]).ok().stdout();
    assert_eq!(summary_row(&again, "encoded now"), 0, "{again}");
    std::fs::remove_dir_all(site.path("public")).unwrap();
    let relinked = site.build(&[]).ok().stdout();
    assert_eq!(summary_row(&relinked, "encoded now"), 0, "{relinked}");
    assert_eq!(
        site.files()
            .iter()
            .filter(|f| f.starts_with("images/"))
            .count(),
        10
    );
}

#[test]
fn a_picture_file_edited_in_place_is_made_again_and_mends_the_store() {
    let site = site_with_pictures();
    site.build(&[]).ok();
    let file = site
        .files()
        .into_iter()
        .find(|f| f.starts_with("images/") && f.ends_with("-480.webp"))
        .expect("a 480 px WebP");
    let path = site.path("public").join(&file);
    let made = std::fs::read(&path).unwrap();
    // Written through the same inode (as an optimiser that rewrites files in place
    // does): the output shares it with the media store entry.
    let mut edit = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&path)
        .unwrap();
    std::io::Write::write_all(&mut edit, b"not a picture").unwrap();
    drop(edit);
    let again = site.build(&[]).ok().stdout();
    assert_eq!(summary_row(&again, "encoded now"), 1, "{again}");
    assert_eq!(std::fs::read(&path).unwrap(), made);
    // The store holds the picture again, not the edit: an empty output relinks it.
    std::fs::remove_dir_all(site.path("public")).unwrap();
    let relinked = site.build(&[]).ok().stdout();
    assert_eq!(summary_row(&relinked, "encoded now"), 0, "{relinked}");
    assert_eq!(std::fs::read(&path).unwrap(), made);
    // The same when the next build is a full one (every page changed).
    std::fs::write(&path, b"edited again").unwrap();
    let base = site.root().join("themes/smartpicks/templates/base.html");
    let base = std::fs::read_to_string(base).unwrap();
    site.write(
        "templates/base.html",
        base.replace("<body", "<body data-edited"),
    );
    let full = site.build(&[]).ok().stdout();
    assert!(!full.contains("unchanged"), "{full}");
    assert_eq!(summary_row(&full, "encoded now"), 1, "{full}");
    assert_eq!(std::fs::read(&path).unwrap(), made);
    // And when the next build uses no cache at all, the one after still finds the
    // store mended.
    std::fs::write(&path, b"edited once more").unwrap();
    site.build(&["--no-cache"]).ok();
    assert_eq!(std::fs::read(&path).unwrap(), made);
    std::fs::remove_dir_all(site.path("public")).unwrap();
    let after = site.build(&[]).ok().stdout();
    assert_eq!(summary_row(&after, "encoded now"), 1, "{after}");
    assert_eq!(std::fs::read(&path).unwrap(), made);
}

#[test]
fn pictures_no_page_shows_are_removed() {
    let site = site_with_pictures();
    site.build(&[]).ok();
    let story = site_story(&site).replace("![A diagram](diagram.png)\n", "");
    site.write(STORY, story);
    site.build(&[]).ok();
    let pngs: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.ends_with(".png") && f.starts_with("images/"))
        .collect();
    assert!(pngs.is_empty(), "{pngs:?}");
}

/// The story line of `needle`.
fn line_of(site: &Site, needle: &str) -> usize {
    site_story(site)
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

/// The line of `check`'s finding with this code in the story, if there is one.
fn finding(site: &Site, code: &str) -> Option<usize> {
    let run = site.run(&["check", "--now", crate::harness::NOW, "--format", "json"]);
    let stdout = run.stdout();
    let findings: Vec<serde_json::Value> = stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    findings
        .iter()
        .find(|f| f["code"] == code && f["file"] == STORY)
        .map(|f| f["line"].as_u64().unwrap() as usize)
}

#[test]
fn a_huge_header_fails_build_and_check_on_its_line_and_keeps_the_site() {
    let site = site_with_pictures();
    site.build(&[]).ok();
    let before = site.read("index.html");
    site.write("static/img/lead.jpg", png_header(50_000, 50_000));
    let line = line_of(&site, "image: /img/lead.jpg");
    let err = site.build(&[]).fails();
    let at = format!("{STORY}:{line}");
    assert!(err.contains(&at) && err.contains("50000 × 50000"), "{err}");
    assert_eq!(site.read("index.html"), before, "the previous site stays");
    assert_eq!(finding(&site, "image-too-large"), Some(line));
}

#[test]
fn missing_and_corrupt_pictures_are_errors_on_their_lines() {
    let site = site_with_pictures();
    site.remove("content/2026/diagram.png");
    site.write("static/img/turned.jpg", b"\xFF\xD8 not really a JPEG");
    let (missing, corrupt) = (line_of(&site, "diagram.png"), line_of(&site, "turned.jpg"));
    let err = site.build(&[]).fails();
    assert!(
        err.contains(&format!(
            "{STORY}:{missing}: the image diagram.png is not there"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{STORY}:{corrupt}: the image static/img/turned.jpg cannot be decoded"
        )),
        "{err}"
    );
    assert_eq!(finding(&site, "missing-image"), Some(missing));
    assert_eq!(finding(&site, "bad-image"), Some(corrupt));
    assert!(!site.path("public").exists(), "nothing written");
}

/// Pixel data broken behind a sound header (the header names the size, so only
/// decoding finds it): `check` decodes what a build would, before and after a build
/// has filled the media store, and names the line a build fails on.
#[test]
fn check_decodes_what_build_would_and_finds_broken_pixels_behind_a_sound_header() {
    let site = site_with_pictures();
    let whole = png(600, 400);
    let broken = whole[..whole.len() / 2].to_vec();
    let line = line_of(&site, "diagram.png");
    for built_before in [false, true] {
        site.write("content/2026/diagram.png", &whole);
        if built_before {
            site.build(&[]).ok();
        }
        site.write("content/2026/diagram.png", &broken);
        assert_eq!(
            finding(&site, "bad-image"),
            Some(line),
            "built before: {built_before}"
        );
        let err = site.build(&[]).fails();
        assert!(err.contains(&format!("{STORY}:{line}")), "{err}");
    }
    site.write("content/2026/diagram.png", &whole);
    assert_eq!(
        finding(&site, "bad-image"),
        None,
        "a sound picture is not a finding"
    );
}

#[test]
fn external_and_vector_images_pass_through() {
    let site = Site::fixture("basic");
    site.write(
        "static/img/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let story = site_story(&site).replacen(
        "featured: true\n",
        "featured: true\nimage: https://cdn.example.org/a.jpg\n",
        1,
    );
    let story = story.replacen(
        "## What was announced",
        "![Logo](/img/logo.svg)\n\n## What was announced",
        1,
    );
    site.write(STORY, story);
    site.build(&[]).ok();
    let page = site.html(&article(&site));
    assert!(attrs(&page, "picture", "class").is_empty());
    assert_eq!(
        attrs(&page, "figure.story-image img", "src"),
        ["https://cdn.example.org/a.jpg"]
    );
    assert_eq!(attrs(&page, ".article-body img", "src"), ["/img/logo.svg"]);
    assert!(!site.exists("images"));
}
