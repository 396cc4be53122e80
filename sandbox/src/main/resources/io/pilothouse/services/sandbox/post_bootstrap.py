#!/usr/bin/python3
"""Creates the sandbox's own roles and databases once the cluster is initialised.

Patroni runs this once, on the member that wins the initialisation, as
    post_bootstrap.py <member's patroni.yml> <libpq connection URL>
The roles and passwords come from the "pilothouse" section of that patroni.yml (mode 0600), so a
password never appears on a command line, in an environment or in a file of its own. The SQL goes
to psql on stdin, with statement logging off for the session, so it is not in the server log
either.
"""
import os
import subprocess
import sys

import yaml


def literal(value):
    # standard_conforming_strings is on (the default since 9.1): only quotes need doubling.
    return "'" + str(value).replace("'", "''") + "'"


def ident(name):
    return '"' + str(name).replace('"', '""') + '"'


def script(section):
    statements = ["SET log_statement = 'none';", "SET log_min_error_statement = 'panic';"]
    for role in section.get('roles', []):
        statements.append('CREATE ROLE {} LOGIN PASSWORD {};'.format(ident(role['name']), literal(role['password'])))
        for group in role.get('member_of', []):
            statements.append('GRANT {} TO {};'.format(ident(group), ident(role['name'])))
    for database in section.get('databases', []):
        statements.append('CREATE DATABASE {} OWNER {};'.format(ident(database['name']), ident(database['owner'])))
    return '\n'.join(statements) + '\n'


def main():
    config_path, conn_url = sys.argv[1], sys.argv[-1]
    with open(config_path) as f:
        config = yaml.safe_load(f)
    section = config['pilothouse']['post_bootstrap']
    psql = os.path.join(config['postgresql']['bin_dir'], 'psql')
    done = subprocess.run([psql, '--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--dbname=' + conn_url],
                          input=script(section), text=True)
    if done.returncode == 0:
        print('post_bootstrap: created roles {} and databases {}'.format(
            ', '.join(r['name'] for r in section.get('roles', [])),
            ', '.join(d['name'] for d in section.get('databases', []))), flush=True)
    return done.returncode


if __name__ == '__main__':
    sys.exit(main())
