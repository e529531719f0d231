/** A small, realistic organisation so a newcomer can click around at once. Addresses use example.org. */
export const DEMO_ORGANIZATION = 'Riverbend Health Software';
export const DEMO_PASSWORD = 'kintsugi-demo';

export const DEMO_ADMIN = { name: 'Alex Morgan', email: 'admin@example.org' };

export const DEMO_LEADERS = [
  { name: 'Priya Raman', email: 'priya.raman@example.org' },
  { name: 'Tomás Herrera', email: 'tomas.herrera@example.org' },
  { name: 'Grace Okafor', email: 'grace.okafor@example.org' },
];

export const DEMO_FACILITATOR = { name: 'Jordan Lee', email: 'jordan.lee@example.org' };

export const DEMO_TEAMS: { name: string; leader: string; members: string[] }[] = [
  {
    name: 'Patient Portal',
    leader: 'priya.raman@example.org',
    members: ['Mei Chen', 'Daniel Brooks', 'Aisha Bello', 'Lukas Weber', 'Sofia Rossi', 'Noah Fischer'],
  },
  {
    name: 'Data Platform',
    leader: 'tomas.herrera@example.org',
    members: ['Hannah Kim', 'Omar Haddad', 'Elena Popescu', 'Kwame Mensah', 'Julia Novak'],
  },
  {
    name: 'Clinical Support',
    leader: 'grace.okafor@example.org',
    members: ['Ravi Patel', 'Chloe Martin', 'Ines Duarte', 'Samuel Adeyemi'],
  },
];

export function demoEmail(name: string): string {
  return `${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')}@example.org`;
}
