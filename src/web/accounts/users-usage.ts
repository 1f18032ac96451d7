/** `relecture users …`: the lines of the CLI's usage. */
export const USERS_USAGE = `  relecture users add NAME --role admin|reviewer|viewer   (password from standard input)
  relecture users list
  relecture users passwd NAME                              (new password from standard input)
  relecture users role NAME --role admin|reviewer|viewer
  relecture users remove NAME`;
