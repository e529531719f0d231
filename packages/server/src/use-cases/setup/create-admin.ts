import { hashPassword } from '../../auth/password.js';
import { AppError } from '../../errors/app-error.js';
import type { Deps } from '../deps.js';
import { insertAccount, setupOrganization } from './setup-organization.js';

export interface CreateAdminOptions {
  organization?: string | undefined;
  name: string;
  email: string;
  password: string;
}

/** The shell's way in: first run creates the organisation; later runs add an admin to the existing one. */
export async function createAdmin(deps: Deps, options: CreateAdminOptions) {
  const organizations = await deps.db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .orderBy('created_at')
    .limit(2)
    .execute();
  const [existing] = organizations;
  if (!existing) {
    if (!options.organization) {
      throw new AppError(
        'invalid_input',
        'The database is empty: give --organization to name the new organisation.',
      );
    }
    const created = await setupOrganization(deps, { ...options, organizationName: options.organization });
    return { ...created, organizationName: options.organization, createdOrganization: true };
  }
  if (organizations.length > 1 && options.organization === undefined) {
    throw new AppError('invalid_input', 'There are several organisations; name one with --organization.');
  }
  const target =
    options.organization === undefined ? existing : await findOrganization(deps, options.organization);
  const passwordHash = await hashPassword(options.password);
  const created = await deps.db
    .transaction()
    .execute((trx) =>
      insertAccount(trx, deps, { ...options, organizationId: target.id, passwordHash, role: 'admin' }),
    );
  return { ...created, organizationName: target.name, createdOrganization: false };
}

async function findOrganization(deps: Deps, name: string) {
  const found = await deps.db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('name', '=', name)
    .executeTakeFirst();
  if (!found) throw new AppError('not_found', `No organisation is called "${name}".`);
  return found;
}
