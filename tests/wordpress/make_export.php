<?php
/*
 * Builds a small newsroom in WordPress with WordPress's own functions and prints what
 * Tools -> Export -> All content writes (export_wp()). Run by make_export.sh; the tests
 * read the committed result and never need PHP.
 */
define('DB_NAME', getenv('WP_DB'));
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', getenv('WP_DB_HOST'));
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('ABSPATH', '/usr/share/wordpress/');
define('WP_CONTENT_DIR', getenv('WP_CONTENT'));
define('WP_CONTENT_URL', 'https://koran.example/wp-content');
define('WP_INSTALLING', true);
define('WP_HOME', 'https://koran.example');
define('WP_SITEURL', 'https://koran.example');
$table_prefix = 'wp_';
$_SERVER['HTTP_HOST'] = 'koran.example';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = 'koran.example';
$_SERVER['SERVER_PORT'] = 443;

require ABSPATH . 'wp-settings.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';

wp_install('Koran Contoh', 'admin', 'admin@koran.example', true, '', wp_generate_password());
update_option('timezone_string', 'Asia/Jakarta');
update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');
$wp_rewrite->init();

$rizky = wp_insert_user([
    'user_login' => 'rizky', 'user_pass' => wp_generate_password(), 'user_email' => 'rizky@koran.example',
    'display_name' => 'M. Rizky Syahputra', 'first_name' => 'Rizky', 'last_name' => 'Syahputra',
    'role' => 'author',
]);
$dewi = wp_insert_user([
    'user_login' => 'dewi', 'user_pass' => wp_generate_password(), 'user_email' => 'dewi@koran.example',
    'display_name' => 'Dewi Lestari', 'first_name' => 'Dewi', 'last_name' => 'Lestari', 'role' => 'editor',
]);

$berita = wp_insert_term('Berita', 'category', ['slug' => 'berita', 'description' => 'Kabar terbaru dari seluruh negeri.']);
$politik = wp_insert_term('Politik', 'category', ['slug' => 'politik', 'parent' => $berita['term_id'], 'description' => 'Partai, parlemen dan pemilu.']);
$olahraga = wp_insert_term('Olahraga', 'category', ['slug' => 'olahraga']);

// A picture as an editor uploads it: the file under uploads/, an attachment, its sizes.
$upload = wp_upload_bits('stadion.jpg', null, file_get_contents(getenv('WP_PICTURE')), '2021/11');
$attachment = wp_insert_attachment([
    'post_title' => 'Stadion Gelora', 'post_excerpt' => 'Stadion sebelum laga', 'post_mime_type' => 'image/jpeg',
    'post_status' => 'inherit', 'post_date' => '2021-11-22 10:00:00',
], $upload['file']);
wp_update_attachment_metadata($attachment, wp_generate_attachment_metadata($attachment, $upload['file']));
update_post_meta($attachment, '_wp_attachment_image_alt', 'Tribun stadion yang kosong');
$full = wp_get_attachment_url($attachment);
$medium = wp_get_attachment_image_src($attachment, 'medium')[0];

// Gutenberg: block comments around the markup, a picture block, the byline code as its own paragraph.
$gutenberg = wp_insert_post([
    'post_title' => 'Timnas Menang Tipis di Laga Perdana', 'post_name' => 'timnas-menang-tipis',
    'post_author' => $rizky, 'post_status' => 'publish', 'post_date' => '2021-11-23 09:15:00',
    'post_category' => [$olahraga['term_id']], 'tags_input' => ['Sepak Bola', 'Timnas'],
    'post_content' => "<!-- wp:paragraph -->\n<p>Tim nasional menang <strong>1-0</strong> di laga perdana.</p>\n<!-- /wp:paragraph -->\n\n"
        . "<!-- wp:image {\"id\":$attachment,\"sizeSlug\":\"medium\"} -->\n<figure class=\"wp-block-image size-medium\"><img src=\"$medium\" alt=\"Tribun stadion yang kosong\" class=\"wp-image-$attachment\"/><figcaption>Stadion sebelum laga.</figcaption></figure>\n<!-- /wp:image -->\n\n"
        . "<!-- wp:heading -->\n<h2>Babak kedua</h2>\n<!-- /wp:heading -->\n\n"
        . "<!-- wp:paragraph -->\n<p>Gol tunggal lahir pada menit ke-78.</p>\n<!-- /wp:paragraph -->\n\n"
        . "<!-- wp:paragraph -->\n<p>(MRS L44)</p>\n<!-- /wp:paragraph -->",
]);
set_post_thumbnail($gutenberg, $attachment);
stick_post($gutenberg);

// Classic editor: blank lines between paragraphs, a [caption] shortcode, another shortcode, the code as the last line.
$classic = wp_insert_post([
    'post_title' => 'DPR Sahkan RUU Anggaran', 'post_name' => 'dpr-sahkan-ruu-anggaran',
    'post_author' => $dewi, 'post_status' => 'publish', 'post_date' => '2021-11-20 14:30:00',
    'post_category' => [$politik['term_id']], 'tags_input' => ['Anggaran', 'DPR'],
    'post_content' => "Rapat paripurna berlangsung hingga malam.\nSemua fraksi hadir.\n\n"
        . "[caption id=\"attachment_$attachment\" align=\"aligncenter\" width=\"300\"]<img class=\"size-medium wp-image-$attachment\" src=\"$medium\" alt=\"Tribun stadion yang kosong\" width=\"300\" height=\"200\" /> Gedung parlemen pada malam hari[/caption]\n\n"
        . "[gallery ids=\"$attachment\"]\n\n"
        . "Anggaran akan berlaku mulai Januari.\n(DL)",
    'comment_status' => 'open',
]);

// A post in the default category, with comments closed.
$uncategorized = wp_insert_post([
    'post_title' => 'Catatan Redaksi', 'post_name' => 'catatan-redaksi', 'post_author' => $dewi,
    'post_status' => 'publish', 'post_date' => '2021-10-01 08:00:00', 'comment_status' => 'closed',
    'post_content' => "Terima kasih kepada pembaca setia.\n\nKami terus berbenah. (DL)",
]);

wp_insert_post(['post_title' => 'Rancangan Liputan Pemilu', 'post_name' => 'rancangan-liputan', 'post_author' => $rizky,
    'post_status' => 'draft', 'post_category' => [$politik['term_id']], 'post_content' => 'Belum selesai.']);
wp_insert_post(['post_title' => 'Menunggu Suntingan', 'post_name' => 'menunggu-suntingan', 'post_author' => $rizky,
    'post_status' => 'pending', 'post_date' => '2021-11-24 07:00:00', 'post_category' => [$berita['term_id']], 'post_content' => 'Siap disunting.']);
wp_insert_post(['post_title' => 'Laporan Akhir Tahun', 'post_name' => 'laporan-akhir-tahun', 'post_author' => $dewi,
    'post_status' => 'future', 'post_date' => '2030-12-31 20:00:00', 'post_category' => [$berita['term_id']], 'post_content' => 'Terbit nanti.']);
wp_insert_post(['post_title' => 'Rapat Internal', 'post_name' => 'rapat-internal', 'post_author' => $dewi,
    'post_status' => 'private', 'post_date' => '2021-11-02 10:00:00', 'post_category' => [$berita['term_id']], 'post_content' => 'Hanya untuk redaksi.']);
wp_insert_post(['post_title' => 'Untuk Pelanggan', 'post_name' => 'untuk-pelanggan', 'post_author' => $dewi,
    'post_status' => 'publish', 'post_password' => 'rahasia', 'post_date' => '2021-11-03 10:00:00', 'post_category' => [$berita['term_id']], 'post_content' => 'Isi berbayar.']);
wp_insert_post(['post_title' => 'Tentang Kami', 'post_name' => 'tentang-kami', 'post_author' => $dewi, 'post_type' => 'page',
    'post_status' => 'publish', 'post_content' => 'Koran Contoh terbit sejak 1998.']);

// Comments as readers left them: a thread three deep, one waiting, a pingback.
$comment = function ($post, $fields) {
    return wp_insert_comment($fields + ['comment_post_ID' => $post, 'comment_approved' => 1, 'comment_author_url' => '', 'comment_type' => 'comment']);
};
$first = $comment($gutenberg, ['comment_author' => 'Budi', 'comment_author_email' => 'budi@pembaca.example',
    'comment_author_url' => 'https://budi.example', 'comment_content' => "Mantap!\n\nSemoga menang lagi.", 'comment_date' => '2021-11-23 10:00:00',
    'comment_author_IP' => '203.0.113.7', 'comment_agent' => 'Mozilla/5.0 (X11; Linux x86_64)']);
$reply = $comment($gutenberg, ['comment_author' => 'Sari', 'comment_author_email' => 'sari@pembaca.example',
    'comment_content' => 'Setuju, <em>luar biasa</em>.', 'comment_date' => '2021-11-23 11:00:00', 'comment_parent' => $first,
    'comment_author_IP' => '198.51.100.4']);
$comment($gutenberg, ['comment_author' => 'Budi', 'comment_author_email' => 'budi@pembaca.example',
    'comment_content' => 'Terima kasih, Sari.', 'comment_date' => '2021-11-23 12:00:00', 'comment_parent' => $reply]);
$comment($gutenberg, ['comment_author' => 'Anon', 'comment_author_email' => 'anon@pembaca.example',
    'comment_content' => 'Menunggu moderasi.', 'comment_date' => '2021-11-23 13:00:00', 'comment_approved' => 0]);
$comment($gutenberg, ['comment_author' => 'Blog Bola', 'comment_author_url' => 'https://blogbola.example/ulasan/',
    'comment_content' => '[&#8230;] ulasan laga perdana [&#8230;]', 'comment_date' => '2021-11-23 14:00:00', 'comment_type' => 'pingback']);
$comment($classic, ['comment_author' => 'Warga', 'comment_author_email' => 'warga@pembaca.example',
    'comment_content' => 'Semoga anggaran tepat sasaran.', 'comment_date' => '2021-11-21 09:00:00']);

require_once ABSPATH . 'wp-admin/includes/export.php';
export_wp();
