import { Router, type Response } from 'express';
import { DuplicateUser, isRole, ROLES, type AccountStore } from '../accounts/account-store.ts';
import { hashPassword, passwordProblem } from '../accounts/passwords.ts';
import { field, loadDocument, type RouteContext } from './load.ts';
import { HttpError } from '../http-error.ts';

const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;

/** Admins: the users page (add, change a role, remove) and assigning a document to a reviewer. */
export function userRoutes(context: RouteContext, accounts: AccountStore): Router {
  const router = Router();
  const page = async (res: Response, status = 200, error?: string, values = { name: '', role: 'reviewer' }) =>
    res.status(status).render('users', { title: 'Users', users: await accounts.listUsers(), roles: ROLES, error, values });

  router.get('/users', (_req, res) => page(res));

  router.post('/users', async (req, res) => {
    const name = field(req.body, 'name').trim();
    const role = field(req.body, 'role');
    const password = field(req.body, 'password');
    const values = { name, role };
    if (!NAME.test(name)) return page(res, 400, `'${name}' cannot be a user name: use 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.`, values);
    if (!isRole(role)) return page(res, 400, `The role must be one of ${ROLES.join(', ')}.`, values);
    const problem = passwordProblem(password);
    if (problem) return page(res, 400, `${problem[0].toUpperCase()}${problem.slice(1)}.`, values);
    try {
      await accounts.addUser(name, role, await hashPassword(password));
    } catch (error) {
      if (error instanceof DuplicateUser) return page(res, 409, `A user named ${name} already exists.`, values);
      throw error;
    }
    res.redirect(303, `/users?${new URLSearchParams({ notice: `Added ${name} (${role}).` })}`);
  });

  router.post('/users/:name/role', async (req, res) => {
    const role = field(req.body, 'role');
    if (!isRole(role)) throw new HttpError(400, `The role must be one of ${ROLES.join(', ')}.`);
    if (!(await accounts.setRole(req.params.name, role))) throw new HttpError(404, 'This user does not exist.');
    res.redirect(303, `/users?${new URLSearchParams({ notice: `${req.params.name} is now ${role}.` })}`);
  });

  router.post('/users/:name/remove', async (req, res) => {
    if (req.params.name === res.locals.user?.name) throw new HttpError(409, 'You cannot remove your own account while signed in with it: another admin can, or use relecture users remove.');
    if (!(await accounts.removeUser(req.params.name))) throw new HttpError(404, 'This user does not exist.');
    res.redirect(303, `/users?${new URLSearchParams({ notice: `Removed ${req.params.name}; their decisions keep their name.` })}`);
  });

  router.post('/documents/:id/assign', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const name = field(req.body, 'user').trim();
    if (name !== '' && !(await accounts.findUser(name))) throw new HttpError(400, `There is no user named ${name}.`);
    (await context.store.documents.assignDocument(document.id, name || null));
    res.redirect(303, `/documents?${new URLSearchParams({ notice: name ? `“${document.title}” is assigned to ${name}.` : `“${document.title}” is assigned to nobody.` })}`);
  });

  return router;
}
