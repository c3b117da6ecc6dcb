// The back office's REST contract (warranties, stock, billing, accounting):
// request and answer schemas shared by the server and the UI. Nothing here
// imports server code.
export * from './back-office/common.ts';
export * from './back-office/catalogue.ts';
export * from './back-office/stock.ts';
export * from './back-office/warranties.ts';
export * from './back-office/billing.ts';
export * from './back-office/accounting.ts';
export * from './back-office/accounting-export.ts';
