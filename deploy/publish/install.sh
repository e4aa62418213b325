#!/bin/sh
# Set up publishing by git push on the web server:
#
#   install.sh --site-url https://kopienas.example.org /srv/git/kopienas.git /srv/kopienas
#
# makes the bare repository (when it does not exist), installs the hook and
# rollback into its hooks/, configures them (git config publish.*) and makes
# the site root. Options: --python PATH (a Python that already has the
# project's dependencies; default: the hook makes a venv under the site root),
# --branch NAME (default main), --keep N (releases kept, default 5).
# Run it as the user that pushes arrive as (e.g. git); see README.md here.
set -eu

usage() { echo "usage: $0 --site-url URL [--python PATH] [--branch NAME] [--keep N] BARE_REPO SITE_ROOT" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
site_url= python= branch=main keep=5
while [ $# -gt 0 ]; do
  case $1 in
    --site-url) site_url=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    --branch) branch=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -*) usage ;;
    *) break ;;
  esac
done
[ $# -eq 2 ] && [ -n "$site_url" ] || usage
repo=$1 root=$2

python3 -c 'import tomllib' 2>/dev/null || { echo "The hook needs python3 3.11 or newer." >&2; exit 1; }
[ -d "$repo" ] || git init --quiet --bare --initial-branch="$branch" "$repo"
for name in pre-receive rollback; do install -m 755 "$here/$name" "$repo/hooks/$name"; done
install -m 644 "$here/releases.py" "$repo/hooks/releases.py"
mkdir -p "$root/releases"
root=$(cd "$root" && pwd)

git -C "$repo" config publish.root "$root"
git -C "$repo" config publish.siteurl "$site_url"
git -C "$repo" config publish.branch "$branch"
git -C "$repo" config publish.keep "$keep"
if [ -n "$python" ]; then git -C "$repo" config publish.python "$python"; fi

echo "Publishing installed: a push to $branch of $repo builds into $root/releases/ and goes live at $root/current."
echo "Serve $root/current (deploy/nginx/production.conf). Roll back with: $repo/hooks/rollback $root"
