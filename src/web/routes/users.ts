import { Router, type Response } from 'express';
import { DuplicateUser, isRole, ROLES, type AccountStore } from '../accounts/account-store.ts';
import { hashPassword, passwordProblemTemplate } from '../accounts/passwords.ts';
import { field, loadDocument, type RouteContext } from './load.ts';
import { HttpError, notFound } from '../http-error.ts';

const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;

/** Admins: the users page (add, change a role, remove) and assigning a document to a reviewer. */
export function userRoutes(context: RouteContext, accounts: AccountStore): Router {
  const router = Router();
  // The error is an i18n.ts template, said in the editor's language with its values put in.
  const page = async (res: Response, status = 200, error?: { template: string; values?: Record<string, string | number> }, values = { name: '', role: 'reviewer' }) =>
    res.status(status).render('users', { title: 'Users', users: await accounts.listUsers(), roles: ROLES, error: error && res.locals.t(error.template, error.values), values });

  router.get('/users', (_req, res) => page(res));

  router.post('/users', async (req, res) => {
    const name = field(req.body, 'name').trim();
    const role = field(req.body, 'role');
    const password = field(req.body, 'password');
    const values = { name, role };
    if (!NAME.test(name)) return page(res, 400, { template: "'{name}' cannot be a user name: use 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.", values: { name } }, values);
    if (!isRole(role)) return page(res, 400, { template: 'The role must be one of {roles}.', values: { roles: roleNames(res) } }, values);
    const problem = passwordProblemTemplate(password);
    if (problem) return page(res, 400, { template: `${problem.template[0].toUpperCase()}${problem.template.slice(1)}.`, values: problem.values }, values);
    try {
      await accounts.addUser(name, role, await hashPassword(password));
    } catch (error) {
      if (error instanceof DuplicateUser) return page(res, 409, { template: 'A user named {name} already exists.', values: { name } }, values);
      throw error;
    }
    res.redirect(303, '/users?notice=user-added');
  });

  router.post('/users/:name/role', async (req, res) => {
    const role = field(req.body, 'role');
    if (!isRole(role)) throw new HttpError(400, 'The role must be one of {roles}.', { roles: roleNames(res) });
    if (!(await accounts.setRole(req.params.name, role))) throw notFound('user');
    res.redirect(303, '/users?notice=user-role');
  });

  router.post('/users/:name/remove', async (req, res) => {
    if (req.params.name === res.locals.user?.name) throw new HttpError(409, 'You cannot remove your own account while signed in with it: another admin can, or use relecture users remove.');
    if (!(await accounts.removeUser(req.params.name))) throw notFound('user');
    res.redirect(303, '/users?notice=user-removed');
  });

  router.post('/documents/:id/assign', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const name = field(req.body, 'user').trim();
    if (name !== '' && !(await accounts.findUser(name))) throw new HttpError(400, 'There is no user named {name}.', { name });
    (await context.store.documents.assignDocument(document.id, name || null));
    res.redirect(303, '/documents?notice=document-assigned');
  });

  return router;
}

/** The roles as the form's menu names them, in the interface language (« lecteur », not « viewer »). */
function roleNames(res: Response): string {
  return ROLES.map((role) => res.locals.t(role) as string).join(', ');
}
