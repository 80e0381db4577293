// The Admin UI login the tests use; AdminUiIT gives the Switchboard nodes the same hash.
export const USERNAME = 'admin';
export const PASSWORD = 's3cret-pass';
// bcryptjs.hashSync(PASSWORD, 4): the tool the Node package itself uses
export const HASH = '$2a$04$oUj3HNoKocK3tBJuuBk2MuRc4D6ncfFaDodg506tkCt7HSHmzw8Y.';
