#!/usr/bin/env python3
# Check the Flatpak manifest's permissions (STYLE section H).
#
# Usage: check-manifest.py MANIFEST APP_ID
# Fails when the manifest is not valid JSON, has another app id, uses a non-numbered runtime,
# asks for more than the four finish-args Attune needs (file access goes through portals,
# and Attune never uses the network), or when the tests run with other permissions.

import json
import sys

EXPECTED_FINISH_ARGS = [
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',
]
FORBIDDEN_PREFIXES = ('--filesystem', '--share=network', '--socket=session-bus',
                      '--socket=system-bus', '--talk-name', '--system-talk-name',
                      '--device=all', '--persist')


def forbidden(args):
    return [a for a in args if a.startswith(FORBIDDEN_PREFIXES)]


def main():
    if len(sys.argv) != 3:
        print(__doc__ or 'usage: check-manifest.py MANIFEST APP_ID', file=sys.stderr)
        return 2
    path, app_id = sys.argv[1:]
    with open(path, encoding='utf-8') as f:
        try:
            manifest = json.load(f)
        except json.JSONDecodeError as e:
            print(f'{path}: not valid JSON: {e}', file=sys.stderr)
            return 1

    errors = []
    manifest_id = manifest.get('app-id', manifest.get('id'))
    if manifest_id != app_id:
        errors.append(f'app id is {manifest_id!r}, expected {app_id!r}')
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        errors.append('runtime and sdk must be org.gnome.Platform and org.gnome.Sdk')
    if not str(manifest.get('runtime-version', '')).isdigit():
        errors.append(f'runtime-version {manifest.get("runtime-version")!r} is not a numbered stable runtime')

    finish_args = manifest.get('finish-args', [])
    if finish_args != EXPECTED_FINISH_ARGS:
        errors.append(f'finish-args are {finish_args}, expected exactly {EXPECTED_FINISH_ARGS}')

    for module in manifest.get('modules', []):
        if not isinstance(module, dict):
            continue
        name = module.get('name', '?')
        options = module.get('build-options', {})
        bad = forbidden(options.get('build-args', []) + options.get('test-args', []))
        if bad:
            errors.append(f'module {name}: forbidden build/test permissions {bad}')
        if module.get('run-tests') and options.get('test-args') != EXPECTED_FINISH_ARGS:
            errors.append(f'module {name}: build-options.test-args must copy the finish-args')

    bad = forbidden(finish_args)
    if bad:
        errors.append(f'forbidden finish-args {bad}')

    for e in errors:
        print(f'{path}: {e}', file=sys.stderr)
    if not errors:
        print(f'{path}: permissions are exactly {" ".join(EXPECTED_FINISH_ARGS)}')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
