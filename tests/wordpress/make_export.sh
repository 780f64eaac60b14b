#!/usr/bin/env bash
# Writes tests/wordpress/export.xml and its uploads with WordPress itself (Debian's `wordpress`
# package, php-cli, php-mysql and a MariaDB on WP_DB_HOST). Run it again after changing
# make_export.php; the tests only read what it wrote.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export WP_DB="${WP_DB:-wxr_fixture}" WP_DB_HOST="${WP_DB_HOST:-127.0.0.1}"
export WP_CONTENT="$(mktemp -d)"
trap 'rm -rf "$WP_CONTENT"' EXIT
mysql -uroot -h"$WP_DB_HOST" -e "DROP DATABASE IF EXISTS $WP_DB; CREATE DATABASE $WP_DB CHARACTER SET utf8mb4"
export WP_PICTURE="$WP_CONTENT/stadion.jpg"
"$here/../../.venv/bin/python" -c "
from PIL import Image, ImageDraw
image = Image.new('RGB', (640, 427), (30, 110, 60))
ImageDraw.Draw(image).rectangle((80, 120, 560, 300), fill=(230, 230, 230))
image.save('$WP_PICTURE', quality=70)"
php "$here/make_export.php" > "$here/export.xml"
rm -rf "$here/uploads"
cp -r "$WP_CONTENT/uploads" "$here/uploads"
mysql -uroot -h"$WP_DB_HOST" -e "DROP DATABASE $WP_DB"
echo "wrote $here/export.xml"
