#!/usr/bin/env bash
# Regenerates expected-urls.tsv beside this script with Jekyll itself (needs the jekyll command,
# e.g. Debian's jekyll package): builds the posts in _posts/ once per permalink style and prints
# every post's page.url (from urls.txt, a page listing them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/_posts" "$here/urls.txt" "$work/"
cd "$work"
echo "# page.url of every post in src/test/resources/jekyll/_posts, as Jekyll itself generated them:"
echo "# Jekyll $(jekyll --version | cut -d' ' -f2) (Debian bookworm's jekyll package), _config.yml = 'timezone: Asia/Shanghai' plus"
echo "# 'permalink: STYLE', then 'jekyll build' and the urls.txt page beside the posts (one line per post: path url)."
echo "# Regenerate: bash src/test/resources/jekyll/generate-expected.sh > src/test/resources/jekyll/expected-urls.tsv"
echo "# style	post	url"
while IFS= read -r style; do
  rm -rf _site
  printf 'title: 财经新闻\ntimezone: Asia/Shanghai\npermalink: "%s"\n' "$style" > _config.yml
  jekyll build -q >/dev/null 2>&1
  sort _site/urls.txt | grep -v '^$' | sed "s#^_posts/##" | awk -v s="$style" '{ print s "\t" $1 "\t" $2 }'
done < "$here/styles.txt"
