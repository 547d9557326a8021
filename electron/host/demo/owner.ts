/** The sample business's owner account (its PIN is shown on the screen: it guards nothing real). */
export const DEMO_OWNER = { name: '店长 Owner', pin: '0000' };
